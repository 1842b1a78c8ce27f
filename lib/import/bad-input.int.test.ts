import { readFileSync } from "node:fs";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import { zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { makeOrganization } from "@/tests/support/factories";
import {
  COMBINED_HEADER,
  combinedCsv,
  combinedRow,
  csv,
  grid,
  importBytes,
  rosterOf,
  writeStamp,
} from "@/tests/support/roster-files";

// Bad input, each through the whole import on a real database: the exact error, where it is,
// and a roster left exactly as it was.

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "fixtures", name)));
const text = (value: string) => new TextEncoder().encode(value);
const lines = grid("101", 3, 2);
const rows = lines.map(combinedRow);

function xlsx(aoa: string[][]): Uint8Array {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa), "Roster");
  return new Uint8Array(XLSX.write(book, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer);
}

let org: string;
let stamp: string;

beforeAll(async () => {
  org = (await makeOrganization()).organization.id;
  await importBytes(org, combinedCsv(lines), { thresholdPercent: 10 });
  stamp = await writeStamp(org);
});

/** Imports the bytes; the roster must not change; answers the result. */
async function importBad(bytes: Uint8Array, fileName = "roster.csv") {
  const result = await importBytes(org, bytes, { fileName, thresholdPercent: 10, alwaysCompare: true });
  expect(await writeStamp(org)).toBe(stamp);
  return result;
}

async function expectFailure(
  bytes: Uint8Array,
  issue: { code: string; message: unknown; row?: number | null; column?: string | null },
  fileName?: string,
) {
  const result = await importBad(bytes, fileName);
  expect(result.status).toBe("failed");
  expect(result.issues).toEqual([
    {
      row: issue.row ?? null,
      column: issue.column ?? null,
      severity: "error",
      code: issue.code,
      message: issue.message,
    },
  ]);
}

describe("bad input fails with a clear error and leaves the roster unchanged", () => {
  it("an empty file", async () => {
    await expectFailure(text(""), {
      code: "empty_file",
      message: "The file is empty: it has no header row and no data. Export the roster again from your SIS.",
    });
  });

  it("a header with no data rows", async () => {
    await expectFailure(text(`${COMBINED_HEADER.join(",")}\r\n`), {
      code: "no_data_rows",
      message: "The file has a header row but no data rows, so nothing was imported.",
    });
  });

  it("an image renamed .csv", async () => {
    await expectFailure(fixture("png-renamed.csv"), {
      code: "not_a_roster_file",
      message:
        "This file is not a CSV, TSV, XLS or XLSX file (it looks like a PNG image). Export the roster from your SIS as CSV or XLSX and upload that file.",
    });
  });

  it("a CSV renamed .xlsx is read as the CSV it is", async () => {
    const result = await importBad(combinedCsv(lines), "roster.xlsx");
    expect(result.status).toBe("unchanged");
  });

  it("a truncated XLSX", async () => {
    const whole = xlsx([COMBINED_HEADER, ...rows]);
    await expectFailure(
      whole.slice(0, Math.floor(whole.length / 2)),
      {
        code: "unreadable_spreadsheet",
        message:
          "This XLSX file is damaged or incomplete (the end of the file is missing). Export it again from your SIS.",
      },
      "roster.xlsx",
    );
  });

  it("a zip bomb", async () => {
    const bomb = zipSync({ "xl/workbook.xml": new Uint8Array(300 * 1024 * 1024) }, { level: 9 });
    await expectFailure(
      bomb,
      {
        code: "zip_bomb",
        message: expect.stringMatching(
          /^This XLSX file was not opened because it looks like a "zip bomb" \(it would expand from [\d.]+ KB to 300 MB, [\d,]+ times its size; the limit is 100 times\)\. Export it again from your SIS\.$/,
        ),
      },
      "roster.xlsx",
    );
  });

  it("an unclosed quote names its row", async () => {
    const body = [COMBINED_HEADER.join(","), ...rows.map((r) => r.join(","))];
    body[3] = body[3]!.replace("First101-S1", '"First101-S1');
    await expectFailure(text(body.join("\r\n")), {
      code: "unclosed_quote",
      row: 4,
      column: "Student First",
      message:
        'Row 4: a quoted value starting in column "Student First" is never closed (it has an opening " but no closing "), so the rest of the file would be read as one value. Close or remove the quote and export again.',
    });
  });

  it("missing and duplicate required headers", async () => {
    const missing = COMBINED_HEADER.filter((h) => h !== "Teacher Email");
    await expectFailure(
      csv(
        missing,
        rows.map((r) => r.slice(0, 10).concat(r.slice(11))),
      ),
      {
        code: "missing_column",
        column: "teacher email",
        message:
          'The file has no "teacher email" column. Columns found: Term, School ID, Class Name, Class ID, Class Period, Student First, Student Last, Student ID, Teacher First, Teacher Last, Staff ID.',
      },
    );
    await expectFailure(
      csv(
        [...COMBINED_HEADER, "student_id"],
        rows.map((r) => [...r, r[7]!]),
      ),
      {
        code: "duplicate_column",
        column: "Student ID",
        message: 'Columns "Student ID" (column H) and "student_id" (column M) both give the student id; keep one.',
      },
    );
  });

  it("a file of another kind: no row can be read as the chosen kind, and the message names the kind it looks like", async () => {
    // A students file with an email column (blank for most students): every row fails as staff.
    const studentsFile = csv(
      ["School ID", "Student ID", "First Name", "Last Name", "Grade", "Email"],
      [
        ["101", "S1", "Ann", "Lee", "09", ""],
        ["101", "S2", "Bo", "Kim", "10", "not an address"],
      ],
    );
    const asStaff = await importBytes(org, studentsFile, { kind: "staff", thresholdPercent: 10, mode: "preview" });
    expect(asStaff.status).toBe("failed");
    expect(asStaff.issues).toEqual([
      {
        row: null,
        column: null,
        severity: "error",
        code: "wrong_kind",
        message:
          'No row could be read as staff. Is this a students file? Choose "Students" as the kind of file, or check its columns.',
      },
    ]);
    const clever = await importBytes(org, fixture("dialects/clever-students.csv"), {
      kind: "staff",
      thresholdPercent: 10,
      mode: "preview",
    });
    expect(clever.status).toBe("failed");
    expect(clever.issues.map((issue) => issue.message)).toEqual([
      'No row could be read as staff. Is this a students file? Choose "Students" as the kind of file, or check its columns.',
    ]);
    // The right kind, but not one usable row: the import fails and names the first row's problem.
    const noEmails = csv(
      ["School ID", "First Name", "Last Name", "Email"],
      [
        ["101", "Ann", "Lee", ""],
        ["101", "Bo", "Kim", ""],
      ],
    );
    const bad = await importBytes(org, noEmails, { kind: "staff", thresholdPercent: 10, mode: "preview" });
    expect(bad.status).toBe("failed");
    expect(bad.issues).toEqual([
      {
        row: 2,
        column: "Email",
        severity: "error",
        code: "no_valid_rows",
        message: "No row could be read as staff: all 2 rows have errors, the first on row 2: Email is blank.",
      },
    ]);
    expect(await writeStamp(org)).toBe(stamp);
  });

  it("a 10 MB cell", async () => {
    const big = rows.map((r) => [...r]);
    big[1]![2] = "x".repeat(10 * 1024 * 1024);
    await expectFailure(csv(COMBINED_HEADER, big), {
      code: "cell_too_long",
      row: 3,
      column: "Class Name",
      message: 'Row 3, column "Class Name": the value is 10,485,760 characters long; the limit is 1,000.',
    });
  });

  it("201 columns", async () => {
    const extra = Array.from({ length: 201 - COMBINED_HEADER.length }, (_, i) => `Extra ${i + 1}`);
    await expectFailure(
      csv(
        [...COMBINED_HEADER, ...extra],
        rows.map((r) => [...r, ...extra.map(() => "")]),
      ),
      { code: "too_many_columns", row: 1, message: "The header has 201 columns; the limit is 200." },
    );
  });
});

describe("input with row problems applies the rest and reports each row", () => {
  it("ragged rows are errors on their rows; the rest is unchanged", async () => {
    const body = [COMBINED_HEADER.join(","), ...rows.map((r) => r.join(","))];
    body[2] = `${body[2]},extra`;
    body[5] = body[5]!.split(",").slice(0, 9).join(",");
    const result = await importBad(text(body.join("\n")));
    expect(result.status).toBe("applied_with_errors");
    expect(result.issues.map((i) => [i.row, i.code])).toEqual([
      [3, "ragged_row"],
      [6, "ragged_row"],
    ]);
  });

  it("invalid UTF-8 is read as Windows-1252, so accented names survive", async () => {
    const header = "School ID,Student ID,First Name,Last Name\r\n";
    const bytes = new Uint8Array([
      ...text(header),
      ...text("101,S9,Jos"),
      0xe9,
      ...text(",Nu"),
      0xf1,
      ...text("ez\r\n"),
    ]);
    const other = (await makeOrganization()).organization.id;
    const result = await importBytes(other, bytes, { kind: "students" });
    expect(result.status).toBe("applied");
    expect((await rosterOf(other)).students.map((s) => [s.firstName, s.lastName])).toEqual([["José", "Nuñez"]]);
  });
});
