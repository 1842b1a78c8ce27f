import * as XLSX from "@e965/xlsx";
import { strToU8, unzipSync, zipSync } from "fflate";
import Papa from "papaparse";
import { COMBINED_HEADER, combinedRow, grid } from "@/tests/support/roster-files";
import { CORPUS_PASSWORD, encryptedXls, encryptedXlsx } from "./encrypted-workbooks";

// The bad-input corpus (issue 8): every case is generated here, bytes and expectation, so no
// hand-edited binary is checked in. bad-inputs.int.test.ts runs each case through the push API's
// route handler and through runImport as an upload, and checks the roster is untouched.
//
// A case's roster is the BASELINE below (school 101, 3 classes × 2 students): a case that is
// accepted either repeats it exactly (so nothing changes) or says `changesRoster` and is run
// against an organization of its own, where the test checks what was stored.

export const BASELINE = grid("101", 3, 2);
export const BASELINE_ROWS = BASELINE.map(combinedRow);

export type Expectation =
  | { status: "failed"; code: string; message: string | RegExp; row?: number | null; column?: string | null }
  | { status: "applied" | "applied_with_errors" | "unchanged"; issues?: [row: number | null, code: string][] };

export type BadInput = {
  name: string;
  fileName: string;
  bytes: () => Uint8Array;
  kind?: "combined" | "staff" | "students";
  expect: Expectation;
  /** Accepted content that differs from BASELINE: run on a fresh organization. */
  changesRoster?: boolean;
  /** Push API only: the HTTP status when it is not 202/422 from the import itself. */
  httpStatus?: number;
};

const text = (value: string) => new TextEncoder().encode(value);
const csvOf = (header: string[], rows: string[][]) => text(Papa.unparse([header, ...rows]));
const baselineCsv = () => csvOf(COMBINED_HEADER, BASELINE_ROWS);
const withRow = (change: (row: string[]) => string[], index = 0) =>
  BASELINE_ROWS.map((r, i) => (i === index ? change([...r]) : [...r]));

export function xlsxOf(sheets: Record<string, string[][]>): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, aoa] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa), name);
  return new Uint8Array(XLSX.write(book, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer);
}

export function xlsOf(aoa: string[][]): Uint8Array {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa), "Roster");
  return new Uint8Array(XLSX.write(book, { type: "buffer", bookType: "biff8" }) as Buffer);
}

/** The baseline workbook with one of its XML parts rewritten. */
function patchedXlsx(
  part: string,
  patch: (xml: string) => string,
  sheets: Record<string, string[][]> = { Roster: [COMBINED_HEADER, ...BASELINE_ROWS] },
): Uint8Array {
  const files = unzipSync(xlsxOf(sheets));
  const xml = new TextDecoder().decode(files[part]);
  files[part] = strToU8(patch(xml));
  return zipSync(files, { level: 6 });
}

const BILLION_LAUGHS =
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join("") +
  "]>";
const withDoctype = (doctype: string) => (xml: string) =>
  xml.replace(/^(<\?xml[^>]*\?>)?/, (declaration) => `${declaration}${doctype}`);

/** UTF-16LE without a BOM, as some SIS exports write it. */
function utf16leNoBom(value: string): Uint8Array {
  const out = new Uint8Array(value.length * 2);
  for (let i = 0; i < value.length; i++) {
    out[2 * i] = value.charCodeAt(i) & 0xff;
    out[2 * i + 1] = value.charCodeAt(i) >> 8;
  }
  return out;
}

const quoteLines = () => [COMBINED_HEADER.join(","), ...BASELINE_ROWS.map((r) => r.join(","))];
const FILE_LIMIT = 100 * 1024 * 1024;
const SAVE_WITHOUT_PASSWORD = "Open it in Excel with its password, save a copy without a password";

export function badInputs(): BadInput[] {
  return [
    // ---- file errors: nothing is applied -------------------------------------------------
    {
      name: "an empty file",
      fileName: "roster.csv",
      bytes: () => text(""),
      expect: {
        status: "failed",
        code: "empty_file",
        message: /^The file is empty(: it has no header row and no data\.|\.$)/,
      },
    },
    {
      name: "whitespace only",
      fileName: "roster.csv",
      bytes: () => text(" \r\n\t\r\n"),
      expect: { status: "failed", code: "empty_file", message: "The file is empty" },
    },
    {
      name: "a header with no data rows",
      fileName: "roster.csv",
      bytes: () => text(`${COMBINED_HEADER.join(",")}\r\n`),
      expect: { status: "failed", code: "no_data_rows", message: "The file has a header row but no data rows" },
    },
    {
      name: "a blank first row",
      fileName: "roster.csv",
      bytes: () => text(`,,,\r\n${quoteLines().join("\r\n")}`),
      expect: { status: "failed", code: "no_header_row", message: "Row 1 is blank." },
    },
    {
      name: "a PNG renamed .csv",
      fileName: "roster.csv",
      bytes: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      expect: { status: "failed", code: "not_a_roster_file", message: "it looks like a PNG image" },
    },
    {
      name: "a PDF renamed .csv",
      fileName: "roster.csv",
      bytes: () => text("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj"),
      expect: { status: "failed", code: "not_a_roster_file", message: "it looks like a PDF document" },
    },
    {
      name: "a gzip of the CSV",
      fileName: "roster.csv.gz",
      bytes: () => new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]),
      expect: { status: "failed", code: "not_a_roster_file", message: "it looks like a gzip archive" },
    },
    {
      name: "an RTF document",
      fileName: "roster.csv",
      bytes: () => text("{\\rtf1\\ansi Student ID}"),
      expect: { status: "failed", code: "not_a_roster_file", message: "it looks like an RTF (WordPad) document" },
    },
    {
      name: "an Excel 2003 XML spreadsheet",
      fileName: "roster.xml",
      bytes: () =>
        text('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'),
      expect: { status: "failed", code: "not_a_roster_file", message: "it looks like an Excel 2003 XML spreadsheet" },
    },
    {
      name: "an HTML table saved as .xls",
      fileName: "roster.xls",
      bytes: () =>
        text(
          `<html><body><table><tr>${COMBINED_HEADER.map((h) => `<th>${h}</th>`).join("")}</tr>${BASELINE_ROWS.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</table></body></html>`,
        ),
      expect: {
        status: "failed",
        code: "not_a_roster_file",
        message: "(it looks like a web page (HTML)). Open it in Excel and save it as CSV or XLSX",
      },
    },
    {
      name: "a Word document (docx)",
      fileName: "roster.xlsx",
      bytes: () =>
        zipSync({ "word/document.xml": strToU8("<w:document/>"), "[Content_Types].xml": strToU8("<Types/>") }),
      expect: {
        status: "failed",
        code: "not_a_roster_file",
        message: "This file is a Word document, not an XLSX spreadsheet",
      },
    },
    {
      name: "a zip of a CSV",
      fileName: "roster.zip",
      bytes: () => zipSync({ "roster.csv": baselineCsv() }),
      expect: { status: "failed", code: "not_a_roster_file", message: "if you zipped it, unzip it first" },
    },
    {
      name: "a truncated XLSX",
      fileName: "roster.xlsx",
      bytes: () => {
        const whole = xlsxOf({ Roster: [COMBINED_HEADER, ...BASELINE_ROWS] });
        return whole.slice(0, Math.floor(whole.length / 2));
      },
      expect: {
        status: "failed",
        code: "unreadable_spreadsheet",
        message: "This XLSX file is damaged or incomplete (the end of the file is missing).",
      },
    },
    {
      name: "a zip bomb",
      fileName: "roster.xlsx",
      bytes: () => zipSync({ "xl/workbook.xml": new Uint8Array(300 * 1024 * 1024) }, { level: 9 }),
      expect: {
        status: "failed",
        code: "zip_bomb",
        message:
          /^This XLSX file was not opened because it looks like a "zip bomb" \(it would expand from [\d.]+ KB to 300 MB/,
      },
    },
    {
      name: "billion laughs in the sheet XML",
      fileName: "roster.xlsx",
      bytes: () => patchedXlsx("xl/worksheets/sheet1.xml", withDoctype(BILLION_LAUGHS)),
      expect: {
        status: "failed",
        code: "xml_doctype",
        message: 'This XLSX file was not opened: its part "xl/worksheets/sheet1.xml" declares a DTD (<!DOCTYPE',
      },
    },
    {
      name: "billion laughs in the shared strings",
      fileName: "roster.xlsx",
      bytes: () =>
        patchedXlsx("xl/sharedStrings.xml", (xml) =>
          withDoctype(BILLION_LAUGHS)(xml).replace("<t>Term</t>", "<t>&lol9;</t>"),
        ),
      expect: { status: "failed", code: "xml_doctype", message: 'its part "xl/sharedStrings.xml" declares a DTD' },
    },
    {
      name: "an external entity (XXE) in the shared strings",
      fileName: "roster.xlsx",
      bytes: () =>
        patchedXlsx("xl/sharedStrings.xml", (xml) =>
          withDoctype('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')(xml).replace(
            "<t>Term</t>",
            "<t>&xxe;</t>",
          ),
        ),
      expect: { status: "failed", code: "xml_doctype", message: "Excel never writes one" },
    },
    {
      name: "an external entity (XXE) in the workbook part",
      fileName: "roster.xlsx",
      bytes: () => patchedXlsx("xl/workbook.xml", withDoctype('<!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd">')),
      expect: { status: "failed", code: "xml_doctype", message: 'its part "xl/workbook.xml" declares a DTD' },
    },
    {
      name: "a password-protected XLSX (agile encryption, Excel 2010 and later)",
      fileName: "roster.xlsx",
      bytes: () => encryptedXlsx(xlsxOf({ Roster: [COMBINED_HEADER, ...BASELINE_ROWS] })),
      expect: {
        status: "failed",
        code: "password_protected",
        message: `This XLSX file is protected with a password, so it cannot be read. ${SAVE_WITHOUT_PASSWORD}`,
      },
    },
    {
      name: "a password-protected XLSX (standard encryption, Excel 2007)",
      fileName: "roster.xlsx",
      bytes: () => encryptedXlsx(xlsxOf({ Roster: [COMBINED_HEADER, ...BASELINE_ROWS] }), CORPUS_PASSWORD, "standard"),
      expect: {
        status: "failed",
        code: "password_protected",
        message: `This XLSX file is protected with a password, so it cannot be read. ${SAVE_WITHOUT_PASSWORD}`,
      },
    },
    {
      name: "a password-protected XLS (RC4 CryptoAPI)",
      fileName: "roster.xls",
      bytes: () => encryptedXls(xlsOf([COMBINED_HEADER, ...BASELINE_ROWS])),
      expect: {
        status: "failed",
        code: "password_protected",
        message: `This XLS file is protected with a password, so it cannot be read. ${SAVE_WITHOUT_PASSWORD}`,
      },
    },
    {
      name: "201 columns",
      fileName: "roster.csv",
      bytes: () =>
        csvOf(
          [...COMBINED_HEADER, ...Array.from({ length: 201 - COMBINED_HEADER.length }, (_, i) => `Extra ${i + 1}`)],
          BASELINE_ROWS,
        ),
      expect: {
        status: "failed",
        code: "too_many_columns",
        row: 1,
        message: "The header has 201 columns; the limit is 200.",
      },
    },
    {
      name: "a cell at XFD1048576",
      fileName: "roster.xlsx",
      bytes: () =>
        patchedXlsx("xl/worksheets/sheet1.xml", (xml) =>
          xml
            .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
            .replace(
              "</sheetData>",
              '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far away</t></is></c></row></sheetData>',
            ),
        ),
      expect: { status: "failed", code: "too_many_columns", message: /the row has 16,384 columns; the limit is 200\./ },
    },
    {
      name: "an unclosed quote names its row",
      fileName: "roster.csv",
      bytes: () => {
        const body = quoteLines();
        body[3] = body[3]!.replace("First101-S1", '"First101-S1');
        return text(body.join("\r\n"));
      },
      expect: {
        status: "failed",
        code: "unclosed_quote",
        row: 4,
        column: "Student First",
        message: 'Row 4: a quoted value starting in column "Student First" is never closed',
      },
    },
    {
      name: "text after a closing quote",
      fileName: "roster.csv",
      bytes: () => {
        const body = quoteLines();
        body[2] = body[2]!.replace("First101-S2", '"First"101-S2');
        return text(body.join("\r\n"));
      },
      expect: {
        status: "failed",
        code: "invalid_quote",
        row: 3,
        message: 'Row 3, column "Student First": a quoted value has text after its closing quote.',
      },
    },
    {
      name: "a missing required column",
      fileName: "roster.csv",
      bytes: () =>
        csvOf(
          COMBINED_HEADER.filter((h) => h !== "Teacher Email"),
          BASELINE_ROWS.map((r) => r.slice(0, 10).concat(r.slice(11))),
        ),
      expect: {
        status: "failed",
        code: "missing_column",
        column: "teacher email",
        message: 'The file has no "teacher email" column. Columns found: Term, School ID',
      },
    },
    {
      name: "a duplicate required column",
      fileName: "roster.csv",
      bytes: () =>
        csvOf(
          [...COMBINED_HEADER, "student_id"],
          BASELINE_ROWS.map((r) => [...r, r[7]!]),
        ),
      expect: {
        status: "failed",
        code: "duplicate_column",
        column: "Student ID",
        message: 'Columns "Student ID" (column H) and "student_id" (column M) both give the student id; keep one.',
      },
    },
    {
      name: "a 10 MB cell",
      fileName: "roster.csv",
      bytes: () =>
        csvOf(
          COMBINED_HEADER,
          withRow((r) => [r[0]!, r[1]!, "x".repeat(10 * 1024 * 1024), ...r.slice(3)], 1),
        ),
      expect: {
        status: "failed",
        code: "cell_too_long",
        row: 3,
        column: "Class Name",
        message: 'Row 3, column "Class Name": the value is 10,485,760 characters long; the limit is 1,000.',
      },
    },
    {
      name: "a students file given as combined",
      fileName: "students.csv",
      bytes: () =>
        csvOf(["School ID", "Student ID", "First Name", "Last Name"], [["101", "101-S1", "First101-S1", "Last101-S1"]]),
      expect: {
        status: "failed",
        code: "wrong_kind",
        message:
          'No row could be read as a combined roster. Is this a students file? Choose "Students" as the kind of file, or check its columns.',
      },
    },
    {
      name: "data only on sheet 2 (sheet 1 holds notes)",
      fileName: "roster.xlsx",
      bytes: () =>
        xlsxOf({
          Notes: [["Exported by the SIS on 2026-11-01"], ["Do not edit"]],
          Roster: [COMBINED_HEADER, ...BASELINE_ROWS],
        }),
      expect: { status: "unchanged" },
    },
    {
      name: "a workbook whose sheets are all empty",
      fileName: "roster.xlsx",
      bytes: () => xlsxOf({ Sheet1: [], Sheet2: [] }),
      expect: {
        status: "failed",
        code: "empty_file",
        message: 'The spreadsheet is empty: no sheet has any data (checked "Sheet1", "Sheet2").',
      },
    },
    {
      name: "a workbook with no recognisable header",
      fileName: "roster.xlsx",
      bytes: () =>
        xlsxOf({
          Sheet1: [
            ["hello", "world"],
            ["1", "2"],
          ],
        }),
      expect: {
        status: "failed",
        code: "no_header_row",
        message: 'No sheet has a recognisable header row (checked "Sheet1").',
      },
    },
    {
      name: "one byte over the size limit",
      fileName: "roster.csv",
      bytes: () => paddedCsv(FILE_LIMIT + 1),
      expect: { status: "failed", code: "file_too_large", message: /the limit (is|of) 100 MB/ },
      httpStatus: 413,
    },

    // ---- accepted: the same roster in another shape, so nothing changes --------------------
    {
      name: "exactly at the size limit",
      fileName: "roster.csv",
      bytes: () => paddedCsv(FILE_LIMIT),
      expect: { status: "unchanged" },
    },
    {
      name: "UTF-16LE without a BOM",
      fileName: "roster.txt",
      bytes: () => utf16leNoBom(Papa.unparse([COMBINED_HEADER, ...BASELINE_ROWS], { delimiter: "\t" })),
      expect: { status: "unchanged" },
    },
    { name: "a CSV renamed .xlsx", fileName: "roster.xlsx", bytes: baselineCsv, expect: { status: "unchanged" } },
    {
      name: "an XLSX renamed .csv",
      fileName: "roster.csv",
      bytes: () => xlsxOf({ Roster: [COMBINED_HEADER, ...BASELINE_ROWS] }),
      expect: { status: "unchanged" },
    },
    {
      name: "an XLS (BIFF8)",
      fileName: "roster.xls",
      bytes: () => xlsOf([COMBINED_HEADER, ...BASELINE_ROWS]),
      expect: { status: "unchanged" },
    },
    {
      name: "a prototype-pollution workbook",
      fileName: "roster.xlsx",
      bytes: () =>
        xlsxOf({
          __proto__x: [
            ["__proto__", "constructor", "prototype", ...COMBINED_HEADER],
            ...BASELINE_ROWS.map((r) => ['{"polluted":1}', "polluted", "polluted", ...r]),
          ],
        }),
      expect: { status: "unchanged" },
    },
    {
      name: "a prototype-pollution sheet name and header",
      fileName: "roster.xlsx",
      bytes: () =>
        patchedXlsx("xl/workbook.xml", (xml) => xml.replace(/name="Roster"/, 'name="__proto__"'), {
          Roster: [
            [...COMBINED_HEADER, "__proto__", "polluted"],
            ...BASELINE_ROWS.map((r) => [...r, "polluted", "yes"]),
          ],
        }),
      expect: { status: "unchanged" },
    },

    // ---- row errors: the row is skipped, the rest (the baseline again) changes nothing -------
    {
      name: "ragged rows",
      fileName: "roster.csv",
      bytes: () => {
        const body = quoteLines();
        body[2] = `${body[2]},extra`;
        body[5] = body[5]!.split(",").slice(0, 9).join(",");
        return text(body.join("\n"));
      },
      expect: {
        status: "applied_with_errors",
        issues: [
          [3, "ragged_row"],
          [6, "ragged_row"],
        ],
      },
    },
    {
      name: "a blank required value",
      fileName: "roster.csv",
      bytes: () =>
        csvOf(COMBINED_HEADER, [...BASELINE_ROWS, combinedRow({ school: "101", classId: "101-C1", studentId: "" })]),
      expect: { status: "applied_with_errors", issues: [[8, "blank_value"]] },
    },
    {
      name: "an invalid teacher email",
      fileName: "roster.csv",
      bytes: () =>
        csvOf(COMBINED_HEADER, [
          ...BASELINE_ROWS,
          combinedRow({ school: "101", classId: "101-C9", studentId: "101-S1", teacherEmail: "not-an-email" }),
        ]),
      expect: { status: "applied_with_errors", issues: [[8, "invalid_value"]] },
    },
    {
      name: "one class id with two terms",
      fileName: "roster.csv",
      bytes: () =>
        csvOf(COMBINED_HEADER, [
          ...BASELINE_ROWS,
          combinedRow({ school: "101", classId: "101-C1", studentId: "101-S1", term: "2027-28" }),
        ]),
      expect: { status: "applied_with_errors", issues: [[8, "conflicting_class"]] },
    },
    {
      name: "NUL characters in a name",
      fileName: "roster.csv",
      // After the first 8 KB, where the binary sniffing does not look.
      bytes: () =>
        csvOf(COMBINED_HEADER, [
          ...BASELINE_ROWS,
          ...padRows(150),
          combinedRow({ school: "101", classId: "101-C1", studentId: "101-S77", first: "Ann\u0000a" }),
        ]),
      expect: { status: "applied_with_errors", issues: [[158, "control_character"]] },
      changesRoster: true,
    },

    // ---- stored verbatim, run on an organization of their own -----------------------------
    {
      name: "bidi-override characters in a name",
      fileName: "roster.csv",
      bytes: () =>
        csvOf(COMBINED_HEADER, [
          combinedRow({
            school: "101",
            classId: "101-C1",
            studentId: "B1",
            first: "\u202eevil\u202c",
            last: "Smith\u2066x\u2069",
          }),
        ]),
      expect: { status: "applied" },
      changesRoster: true,
    },
    {
      name: "formula-looking names",
      fileName: "roster.csv",
      bytes: () =>
        csvOf(COMBINED_HEADER, [
          combinedRow({
            school: "101",
            classId: "101-C1",
            studentId: "F1",
            first: '=HYPERLINK("http://x")',
            last: "+1-2",
          }),
          combinedRow({ school: "101", classId: "101-C1", studentId: "F2", first: "@SUM(A1)", last: "-3" }),
        ]),
      expect: { status: "applied" },
      changesRoster: true,
    },
    { name: "a ../../x file name", fileName: "../../x", bytes: baselineCsv, expect: { status: "unchanged" } },
    {
      name: "an <img onerror> file name",
      fileName: '<img src=x onerror="alert(1)">.csv',
      bytes: baselineCsv,
      expect: { status: "unchanged" },
    },
    {
      name: "a 300-character file name",
      fileName: `${"r".repeat(296)}.csv`,
      bytes: baselineCsv,
      expect: { status: "unchanged" },
    },
    {
      name: "a file name with bidi overrides",
      fileName: "roster\u202Eslx.exe\u202C.csv",
      bytes: baselineCsv,
      expect: { status: "unchanged" },
    },
  ];
}

/** Students of class 101-C1 that pad a file past its first 8 KB. */
function padRows(count: number): string[][] {
  return Array.from({ length: count }, (_, i) =>
    combinedRow({ school: "101", classId: "101-C1", studentId: `101-P${i + 1}`, teacherEmail: "t1.101@district.test" }),
  );
}

/** The baseline CSV padded to exactly `size` bytes with spaces after the last value (trimmed when read). */
export function paddedCsv(size: number): Uint8Array {
  const body = baselineCsv();
  const out = new Uint8Array(size).fill(0x20);
  out.set(body, 0);
  return out;
}
