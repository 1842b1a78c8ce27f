import { readFileSync } from "node:fs";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import { strToU8, unzipSync, Zip, ZipDeflate, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { detectFormat, readFile, type ReadFileOptions } from "./read-file";
import { buildZip } from "./test-zip";
import { ImportFileError, ROWS_PER_TURN, type RowTable } from "./types";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "fixtures", name)));
const text = (s: string) => new TextEncoder().encode(s);

function rowsOf(table: RowTable): [number, string[]][] {
  const rows: [number, string[]][] = [];
  table.eachRow((cells, row) => rows.push([row, cells]));
  return rows;
}

function read(bytes: Uint8Array, options?: ReadFileOptions) {
  const table = readFile(bytes, options);
  return { table, rows: rowsOf(table) };
}

/** Runs `fn` and returns the ImportFileError it throws (fails the test if it throws anything else). */
function fileError(fn: () => unknown): ImportFileError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return error as ImportFileError;
  }
  throw new Error("expected an ImportFileError");
}

function expectFileError(fn: () => unknown, code: string, message: string) {
  const error = fileError(fn);
  expect(error.code).toBe(code);
  expect(error.message).toContain(message);
  return error;
}

const PEOPLE_HEADER = ["Student ID", "First Name", "Last Name", "Grade"];
const PEOPLE_ROWS: [number, string[]][] = [
  [2, ["000123", "José", "Núñez", "05"]],
  [3, ["000124", "Zoë", "O’Brien", "06"]],
];

describe("detectFormat", () => {
  it("reads the format from the bytes", () => {
    expect(detectFormat(fixture("roster.xlsx"))).toBe("xlsx");
    expect(detectFormat(fixture("roster.xls"))).toBe("xls");
    expect(detectFormat(fixture("utf8.csv"))).toBe("csv");
    expect(detectFormat(fixture("csv-renamed.xlsx"))).toBe("csv");
  });
});

describe("readFile: text encodings", () => {
  it.each([
    ["utf8.csv", "utf-8", ","],
    ["utf8-bom.csv", "utf-8", ","],
    ["utf16le.txt", "utf-16le", "\t"],
    ["utf16be.txt", "utf-16be", "\t"],
    ["utf16le-nobom.txt", "utf-16le", "\t"],
    ["windows-1252.csv", "windows-1252", ","],
  ] as const)("%s is read as %s", (name, encoding, delimiter) => {
    const { table, rows } = read(fixture(name));
    expect(table).toMatchObject({ format: "csv", encoding, delimiter, headerRow: 1, header: PEOPLE_HEADER });
    expect(rows).toEqual(PEOPLE_ROWS);
  });

  it("falls back to Windows-1252 when the bytes are not valid UTF-8 (é ñ ’ “ ” €)", () => {
    const bytes = Uint8Array.from([
      ...text("Name,Note\n"),
      ...[0x4a, 0x6f, 0x73, 0xe9], // José
      0x2c,
      ...[0x93, 0x4e, 0x69, 0xf1, 0x6f, 0x94, 0x20, 0x92, 0x20, 0x80], // “Niño” ’ €
      0x0a,
    ]);
    const { table, rows } = read(bytes);
    expect(table.encoding).toBe("windows-1252");
    expect(rows).toEqual([[2, ["José", "“Niño” ’ €"]]]);
  });

  it("drops a UTF-8 BOM in front of Windows-1252 bytes", () => {
    const { table } = read(Uint8Array.from([0xef, 0xbb, 0xbf, ...text("Nom,Pr"), 0xe9, ...text("nom\n")]));
    expect(table).toMatchObject({ encoding: "windows-1252", header: ["Nom", "Prénom"] });
  });
});

describe("readFile: delimiters and line endings", () => {
  it("detects semicolons (a comma inside a value is then just text)", () => {
    const { table, rows } = read(fixture("semicolon.csv"));
    expect(table.delimiter).toBe(";");
    expect(rows[0]).toEqual([2, ["000123", "José", "Núñez, Jr", "05"]]);
  });

  it("detects tabs", () => {
    const { table, rows } = read(fixture("tab.tsv"));
    expect(table.delimiter).toBe("\t");
    expect(rows).toEqual(PEOPLE_ROWS);
  });

  it("detects commas, ignoring delimiters inside quoted header names", () => {
    const { table } = read(text('"Last; First; Middle",Student ID,Grade\n'));
    expect(table.delimiter).toBe(",");
  });

  it("defaults to a comma for a one-column file", () => {
    const { table, rows } = read(text("Student ID\n000123\n"));
    expect(table.delimiter).toBe(",");
    expect(rows).toEqual([[2, ["000123"]]]);
  });

  it.each(["lf", "crlf", "cr"])("reads %s line endings", (name) => {
    const { table, rows } = read(fixture(`line-endings-${name}.csv`));
    expect(table.header).toEqual(PEOPLE_HEADER);
    expect(rows).toEqual(PEOPLE_ROWS);
  });
});

describe("readFile: cells and rows of text files", () => {
  it("reads quoted commas, doubled quotes and line breaks; trims cells; skips blank rows; numbers rows by record", () => {
    const { rows } = read(fixture("quoted.csv"));
    expect(rows).toEqual([
      [2, ["000123", "Smith, John", 'He said "hi"', "05"]],
      [3, ["000124", "Doe, Jane", "line one\nline two", "06"]],
      [4, ["000125", "Padded", "", "07"]],
      // row 5 is blank
      [6, ["000126", "After", "multi\nline\nthree", "08"]],
      [7, ["000127", "Last", "", "09"]],
    ]);
  });

  it("keeps leading zeros", () => {
    const { rows } = read(fixture("utf8.csv"));
    expect(rows[0]![1][0]).toBe("000123");
  });

  it("passes ragged rows through as they are (the validator reports them)", () => {
    const { rows } = read(text("a,b,c\n1,2\n1,2,3,4\n"));
    expect(rows).toEqual([
      [2, ["1", "2"]],
      [3, ["1", "2", "3", "4"]],
    ]);
  });

  it("reads a header-only file with zero rows", () => {
    const { table, rows } = read(fixture("header-only.csv"));
    expect(table.header).toEqual(["Student ID", "First Name", "Last Name"]);
    expect(rows).toEqual([]);
  });

  it("reads a CSV renamed .xlsx as CSV", () => {
    const { table, rows } = read(fixture("csv-renamed.xlsx"));
    expect(table.format).toBe("csv");
    expect(rows).toEqual(PEOPLE_ROWS);
  });

  it("refuses an unclosed quote, naming the row and the column, when the rows are walked", () => {
    const table = readFile(fixture("unclosed-quote.csv")); // the header is fine
    const seen: number[] = [];
    const error = expectFileError(
      () => table.eachRow((_cells, row) => seen.push(row)),
      "unclosed_quote",
      'Row 7: a quoted value starting in column "Student ID" is never closed',
    );
    expect(error.details).toEqual({ row: 7, column: "Student ID" });
    expect(seen).toEqual([2, 3, 4, 5, 6]);
  });

  it("names the column of an unclosed quote that is not the first", () => {
    const table = readFile(text('Student ID,Name,Grade\n1,Ann,5\n2,"Ben,6\n3,Cy,7\n'));
    expectFileError(() => rowsOf(table), "unclosed_quote", 'Row 3: a quoted value starting in column "Name"');
  });

  it("refuses an unclosed quote in the header", () => {
    expectFileError(() => readFile(text('Student ID,"Name\n1,Ann\n')), "unclosed_quote", "Row 1: a quoted value");
  });

  it("refuses text after a closing quote, naming row and column", () => {
    const table = readFile(text('Student ID,Name\n1,Ann\n2,"Ben" Jr\n'));
    expectFileError(
      () => rowsOf(table),
      "invalid_quote",
      'Row 3, column "Name": a quoted value has text after its closing quote',
    );
  });
});

describe("readFile: files that are not rosters", () => {
  it("refuses an empty file", () => {
    expectFileError(() => readFile(fixture("empty.csv")), "empty_file", "The file is empty");
  });

  it("refuses a file of only a BOM and whitespace", () => {
    expectFileError(() => readFile(fixture("blank.csv")), "empty_file", "The file is empty");
    expectFileError(() => readFile(Uint8Array.from([0xff, 0xfe])), "empty_file", "The file is empty");
  });

  it("refuses a blank first row", () => {
    expectFileError(() => readFile(text(",,\nStudent ID,Name\n")), "no_header_row", "Row 1 is blank");
  });

  it("refuses a PNG renamed .csv, naming what it is", () => {
    expectFileError(
      () => readFile(fixture("png-renamed.csv")),
      "not_a_roster_file",
      "This file is not a CSV, TSV, XLS or XLSX file (it looks like a PNG image)",
    );
  });

  it("refuses a PDF", () => {
    expectFileError(() => readFile(text("%PDF-1.7\n1 0 obj\n")), "not_a_roster_file", "it looks like a PDF document");
  });

  it("refuses binary junk with NUL bytes", () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    expectFileError(() => readFile(junk), "not_a_roster_file", "it looks like binary data");
  });

  it("refuses binary junk made of control characters", () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => 1 + (i % 8));
    expectFileError(() => readFile(junk), "not_a_roster_file", "it looks like binary data");
  });

  it("refuses a web page saved as .xls", () => {
    expectFileError(
      () => readFile(text("<html><body><table><tr><td>Student ID</td></tr></table></body></html>")),
      "not_a_roster_file",
      "it looks like a web page (HTML)",
    );
  });

  it("refuses a zip that is not a workbook", () => {
    const docx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w:document/>") });
    expectFileError(() => readFile(docx), "not_a_roster_file", "This file is a Word document, not an XLSX spreadsheet");
  });
});

describe("readFile: limits", () => {
  it("refuses a file over the size limit", () => {
    const bytes = new Uint8Array(Math.round(123.4 * 1024 * 1024));
    expectFileError(() => readFile(bytes), "file_too_large", "The file is 123.4 MB; the limit is 100 MB.");
  });

  it("refuses a 10 MB cell, naming row and column", () => {
    const csv = `Student ID,Notes\n1,ok\n2,${"x".repeat(10 * 1024 * 1024)}\n`;
    const table = readFile(text(csv));
    const error = expectFileError(
      () => rowsOf(table),
      "cell_too_long",
      'Row 3, column "Notes": the value is 10,485,760 characters long; the limit is 1,000.',
    );
    expect(error.details).toMatchObject({ row: 3, column: "Notes" });
  });

  it("refuses a header with 201 columns", () => {
    const header = Array.from({ length: 201 }, (_, i) => `c${i + 1}`).join(",");
    expectFileError(
      () => readFile(text(`${header}\n`)),
      "too_many_columns",
      "The header has 201 columns; the limit is 200.",
    );
  });

  it("does not count trailing empty header cells against the column limit", () => {
    const header = ["Student ID", ...Array.from({ length: 250 }, () => "")].join(",");
    expect(readFile(text(`${header}\n`)).header).toHaveLength(251);
  });

  it("refuses a data row with more cells than the column limit, naming the row", () => {
    const table = readFile(text(`a,b\n1,2\n${Array.from({ length: 201 }, () => "x").join(",")}\n`));
    expectFileError(() => rowsOf(table), "too_many_columns", "Row 3: the row has 201 columns; the limit is 200.");
  });

  it("refuses the row over maxRows (blank rows do not count)", () => {
    const table = readFile(text("Student ID\n1\n\n2\n3\n"), { limits: { maxRows: 2 } });
    const seen: number[] = [];
    expectFileError(
      () => table.eachRow((_cells, row) => seen.push(row)),
      "too_many_rows",
      "Row 5: the file has more than 2 data rows; the limit is 2.",
    );
    expect(seen).toEqual([2, 4]);
  });
});

describe("readFile: spreadsheets", () => {
  const hasStudentId = (cells: string[]) => cells.includes("Student ID");

  it("reads an XLSX keeping the zeros of number-formatted ids and a 12-digit General id in full", () => {
    const { table, rows } = read(fixture("roster.xlsx"));
    expect(table).toMatchObject({ format: "xlsx", sheetName: "Roster", headerRow: 1 });
    expect(table.header).toEqual(["Student ID", "First Name", "Last Name", "Grade", "State ID"]);
    expect(rows).toEqual([
      [2, ["0000123", "José", "Núñez", "05", "123456789012"]],
      [3, ["0000124", "Zoë", "O’Brien", "06", "123456789013"]],
      // row 4 is blank
      [5, ["0000125", "Ann", "Lee", "07", "123456789014"]],
    ]);
  });

  it("reads an XLS", () => {
    const { table, rows } = read(fixture("roster.xls"));
    expect(table).toMatchObject({ format: "xls", sheetName: "Roster", headerRow: 1 });
    expect(rows[0]).toEqual([2, ["0000123", "José", "Núñez", "05", "123456789012"]]);
    expect(rows.map(([row]) => row)).toEqual([2, 3, 5]);
  });

  it("picks the first sheet whose first non-blank row is a header, keeping its row numbers", () => {
    const { table, rows } = read(fixture("notes-first.xlsx"), { isHeader: hasStudentId });
    expect(table).toMatchObject({
      sheetName: "Roster",
      headerRow: 3,
      header: ["Student ID", "First Name", "Last Name"],
    });
    expect(rows).toEqual([
      [4, ["000301", "Hana", "Kim"]],
      [5, ["000302", "Ivo", "Rao"]],
    ]);
  });

  it("without isHeader, picks the first sheet that has anything", () => {
    const { table } = read(fixture("notes-first.xlsx"));
    expect(table).toMatchObject({ sheetName: "Notes", headerRow: 1, header: ["Exported from PowerSchool"] });
  });

  it("refuses a workbook with no header row, listing the sheets checked", () => {
    expectFileError(
      () => readFile(fixture("notes-first.xlsx"), { isHeader: () => false }),
      "no_header_row",
      'No sheet has a recognisable header row (checked "Notes", "Roster")',
    );
  });

  it("refuses a workbook whose sheets are all blank", () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), "Sheet1");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
    expectFileError(
      () => readFile(bytes),
      "empty_file",
      'The spreadsheet is empty: no sheet has any data (checked "Sheet1")',
    );
  });

  it("names the sheet in every error", () => {
    const table = readFile(fixture("roster.xlsx"), { limits: { maxCellChars: 10 } });
    const error = expectFileError(
      () => rowsOf(table),
      "cell_too_long",
      'Sheet "Roster", row 2, column "State ID": the value is 12 characters long; the limit is 10.',
    );
    expect(error.details).toEqual({ row: 2, column: "State ID", sheet: "Roster" });

    const limited = readFile(fixture("roster.xlsx"), { limits: { maxRows: 1 } });
    expectFileError(
      () => rowsOf(limited),
      "too_many_rows",
      'Sheet "Roster", row 3: the sheet has more than 1 data rows',
    );

    expectFileError(
      () => readFile(fixture("roster.xlsx"), { limits: { maxColumns: 4 } }),
      "too_many_columns",
      'Sheet "Roster": the header has 5 columns; the limit is 4.',
    );
  });

  it("reads an XLSX written by a streaming zip writer (sizes in data descriptors)", () => {
    const files = unzipSync(fixture("roster.xlsx"));
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      chunks.push(chunk);
    });
    for (const [name, data] of Object.entries(files)) {
      const entry = new ZipDeflate(name);
      zip.add(entry);
      entry.push(data, true);
    }
    zip.end();
    const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    expect(bytes[6]! & 0x08).toBe(0x08); // the first entry's local header has no sizes
    const { rows } = read(bytes);
    expect(rows[0]).toEqual([2, ["0000123", "José", "Núñez", "05", "123456789012"]]);
  });

  it("refuses a truncated XLSX", () => {
    const whole = fixture("roster.xlsx");
    expectFileError(
      () => readFile(whole.subarray(0, whole.length / 2)),
      "unreadable_spreadsheet",
      "This XLSX file is damaged or incomplete (the end of the file is missing). Export it again from your SIS.",
    );
  });

  it("refuses an XLS that SheetJS cannot read", () => {
    const bytes = Uint8Array.from(
      { length: 2048 },
      (_, i) => [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1][i] ?? 0x41,
    );
    expectFileError(() => readFile(bytes), "unreadable_spreadsheet", "This XLS file could not be read (");
  });
});

describe("readFile: zip bombs", () => {
  const workbookXml = strToU8('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');

  it("refuses a real zip bomb (16 MB of zeros in ~16 KB) by its compression ratio", () => {
    const bomb = zipSync(
      { "xl/workbook.xml": workbookXml, "xl/worksheets/sheet1.xml": new Uint8Array(16 * 1024 * 1024) },
      { level: 1 },
    );
    expect(bomb.length).toBeLessThan(200 * 1024);
    expectFileError(() => readFile(bomb), "zip_bomb", 'looks like a "zip bomb" (it would expand from');
  });

  it("refuses a central directory declaring 5.1 GB (32-bit sizes) with the default limits", () => {
    const size = Math.round(2.55 * 2 ** 30);
    const zip = buildZip([
      { name: "xl/workbook.xml", data: workbookXml },
      { name: "xl/worksheets/sheet1.xml", data: strToU8("<a/>"), declaredSize: size },
      { name: "xl/worksheets/sheet2.xml", data: strToU8("<a/>"), declaredSize: size },
    ]);
    expectFileError(
      () => readFile(zip),
      "archive_too_large",
      "This XLSX file would expand to 5.1 GB when opened; the limit is 1 GB.",
    );
  });

  it("refuses a ZIP64 entry declaring 5.1 GB", () => {
    const zip = buildZip([
      { name: "xl/workbook.xml", data: workbookXml },
      { name: "xl/worksheets/sheet1.xml", data: strToU8("<a/>"), declaredSize: Math.round(5.1 * 2 ** 30), zip64: true },
    ]);
    expectFileError(() => readFile(zip), "archive_too_large", "would expand to 5.1 GB when opened; the limit is 1 GB.");
  });

  it("refuses an entry that inflates to more than it declares", () => {
    const zip = buildZip([
      { name: "xl/workbook.xml", data: workbookXml },
      { name: "xl/worksheets/sheet1.xml", data: new Uint8Array(4 * 1024 * 1024), declaredSize: 1000 },
    ]);
    expectFileError(
      () => readFile(zip),
      "zip_bomb",
      'the entry "xl/worksheets/sheet1.xml" expands to more than the 1000 bytes it declares',
    );
  });

  it("refuses entries that overlap", () => {
    const zip = buildZip([
      { name: "xl/workbook.xml", data: workbookXml },
      { name: "xl/worksheets/sheet1.xml", data: strToU8("<a/>".repeat(1000)) },
      { name: "xl/worksheets/sheet2.xml", data: strToU8("<a/>".repeat(1000)), aliasOf: 1 },
    ]);
    expectFileError(() => readFile(zip), "zip_bomb", "overlap");
  });

  it("obeys custom limits", () => {
    const zip = buildZip([
      { name: "xl/workbook.xml", data: workbookXml },
      { name: "xl/worksheets/sheet1.xml", data: new Uint8Array(2 * 1024 * 1024) },
    ]);
    expectFileError(
      () => readFile(zip, { limits: { maxUncompressedBytes: 1024 * 1024 } }),
      "archive_too_large",
      "would expand to 2 MB when opened; the limit is 1 MB.",
    );
  });
});

describe("readFile: eachRowAsync", () => {
  const big = ["ID,Name", ...Array.from({ length: 45_000 }, (_, i) => `${i},"n${i}"`)].join("\n");

  it("gives the same rows as eachRow, reports progress and lets the event loop run", async () => {
    const table = readFile(new TextEncoder().encode(big));
    const sync: number[] = [];
    readFile(new TextEncoder().encode(big)).eachRow((_, row) => sync.push(row));
    const rows: number[] = [];
    const fractions: number[] = [];
    let turns = 0;
    const timer = setInterval(() => (turns += 1), 0);
    await table.eachRowAsync(
      (_, row) => rows.push(row),
      (fraction) => fractions.push(fraction),
    );
    clearInterval(timer);
    expect(rows).toEqual(sync);
    expect(fractions).toHaveLength(Math.floor(45_000 / ROWS_PER_TURN));
    expect(fractions[0]).toBeGreaterThan(0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBeLessThan(1);
    expect(turns).toBeGreaterThan(0);
  });

  // A turn of 20,000 rows (parse and validate) held a server's other requests ~0.3 s.
  it("gives the event loop a turn at least every 2,000 rows, for text and spreadsheets", async () => {
    const book = XLSX.utils.book_new();
    const sheet = [["ID", "Name"], ...Array.from({ length: 9_000 }, (_, i) => [`${i}`, `n${i}`])];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sheet), "Roster");
    const xlsx = new Uint8Array(XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
    for (const bytes of [new TextEncoder().encode(big), xlsx]) {
      let walked = 0;
      const between: number[] = [];
      let atLastTurn = 0;
      let walking = true;
      const turn = () => {
        between.push(walked - atLastTurn);
        atLastTurn = walked;
        if (walking) setImmediate(turn);
      };
      setImmediate(turn);
      await readFile(bytes).eachRowAsync(() => (walked += 1));
      walking = false;
      between.push(walked - atLastTurn);
      expect(walked).toBeGreaterThan(8_000);
      expect(Math.max(...between)).toBeLessThanOrEqual(2_000);
    }
  });

  it("rejects with the row's error (an unclosed quote after the first turn)", async () => {
    const broken = `${big}\n45000,"never closed\n45001,x`;
    await expect(readFile(new TextEncoder().encode(broken)).eachRowAsync(() => {})).rejects.toMatchObject({
      code: "unclosed_quote",
      details: { row: 45_002 },
    });
  });

  it("walks spreadsheet rows too", async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ["ID", "Name"],
        ["1", "a"],
        ["2", "b"],
      ]),
      "Roster",
    );
    const bytes = new Uint8Array(XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
    const rows: string[][] = [];
    await readFile(bytes).eachRowAsync((cells) => rows.push(cells));
    expect(rows).toEqual([
      ["1", "a"],
      ["2", "b"],
    ]);
  });
});
