// Our XLSX reader against SheetJS, the reference: every workbook is read by both and must give
// the same sheets, ranges and rows (read-spreadsheet.ts's `workbookSheets` with each reader).

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as XLSX from "@e965/xlsx";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { checkXlsxArchive } from "./archive-guard";
import { readFile } from "./read-file";
import { workbookSheets } from "./read-spreadsheet";
import { DEFAULT_READ_LIMITS, ImportFileError } from "./types";
import { openXlsx } from "./xlsx-reader";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

type Read = Array<{ name: string; firstColumn?: number; lastRow?: number; rows: Array<[number, string[]]> }>;

function readWith(bytes: Uint8Array, reader: "ours" | "sheetjs"): Read {
  checkXlsxArchive(bytes, DEFAULT_READ_LIMITS);
  return workbookSheets(bytes, "xlsx", reader).map(({ name, grid, first }) => {
    const rows: Array<[number, string[]]> = [];
    if (grid && first) {
      rows.push([first.row, first.cells]);
      for (const { row, cells } of grid.rowsAfter(first.row)) rows.push([row, cells]);
    }
    return { name, firstColumn: grid?.firstColumn, lastRow: grid?.lastRow, rows };
  });
}

/** Reads with both readers, checks they agree, and returns the sheets. */
function readBoth(bytes: Uint8Array): Read {
  expect(openXlsx(bytes), "our reader takes this workbook (no fall-back to SheetJS)").not.toBeNull();
  const ours = readWith(bytes, "ours");
  expect(ours).toEqual(readWith(bytes, "sheetjs"));
  return ours;
}

function written(book: XLSX.WorkBook): Uint8Array {
  return new Uint8Array(XLSX.write(book, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer);
}

function book(...sheets: Array<[string, XLSX.WorkSheet]>): XLSX.WorkBook {
  const workbook = XLSX.utils.book_new();
  for (const [name, sheet] of sheets) XLSX.utils.book_append_sheet(workbook, sheet, name);
  return workbook;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

/** A workbook of one sheet "Data" from hand-written XML, for what SheetJS's writer never writes. */
function handWritten(
  sheetData: string,
  options: { sharedStrings?: string[]; dimension?: string; styles?: string; prefix?: string } = {},
): Uint8Array {
  const p = options.prefix ?? "";
  const ns = p ? `xmlns:${p.slice(0, -1)}` : "xmlns";
  const dimension = options.dimension ? `<${p}dimension ref="${options.dimension}"/>` : "";
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${dimension}<${p}sheetData>${sheetData}</${p}sheetData><${p}mergeCells count="1"><${p}mergeCell ref="A1:B1"/></${p}mergeCells></${p}worksheet>`;
  const shared = (options.sharedStrings ?? []).join("");
  return zipSync({
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data &amp; more" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(sheet),
    "xl/sharedStrings.xml": strToU8(
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${options.sharedStrings?.length ?? 0}">${shared}</sst>`,
    ),
    "xl/styles.xml": strToU8(
      options.styles ??
        `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="000000"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/></numFmts><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="49" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
  });
}

describe("our XLSX reader gives what SheetJS gives", () => {
  it("on the repository's XLSX fixtures", () => {
    for (const name of ["roster.xlsx", "notes-first.xlsx"]) {
      const sheets = readBoth(new Uint8Array(readFileSync(path.join(FIXTURES, name))));
      expect(sheets.some(({ rows }) => rows.length > 1)).toBe(true);
    }
  });

  it("on dates, percentages, leading zeros, ids stored as text, formulas and long numbers", () => {
    const sheet = XLSX.utils.aoa_to_sheet(
      [
        ["Student ID", "Birth Date", "Attendance", "Code", "State ID", "Total", "Note", "Ratio", "Big"],
        [417, new Date(Date.UTC(2011, 3, 5)), 0.925, "000417", 123456789012, null, true, 1 / 3, 1e21],
        [18, new Date(Date.UTC(1999, 11, 31, 13, 45)), 1, "0042", -5, null, false, -0.000012345, 12345678901],
      ],
      { cellDates: true },
    );
    sheet["A2"]!.z = "000000";
    sheet["A3"]!.z = "0000000";
    sheet["B2"]!.z = "m/d/yyyy";
    sheet["B3"]!.z = "yyyy-mm-dd hh:mm";
    sheet["C2"]!.z = "0.0%";
    sheet["C3"]!.z = "0%";
    sheet["F2"] = { t: "n", v: 417.5, f: "A2+0.5" };
    sheet["F3"] = { t: "s", v: "eighteen", f: 'TEXT(A3,"0")&"teen"' };
    sheet["H2"]!.z = "#,##0.000";
    sheet["I3"]!.z = "#,##0";
    sheet["J2"] = { t: "e", v: 0x2a };
    sheet["J3"] = { t: "e", v: 0x07 };
    sheet["!ref"] = "A1:J3";
    const sheets = readBoth(written(book(["Roster", sheet])));
    expect(sheets[0]!.rows[1]![1].slice(0, 5)).toEqual(["000417", "4/5/2011", "92.5%", "000417", "123456789012"]);
    expect(sheets[0]!.rows[2]![1].slice(0, 6)).toEqual([
      "0000018",
      "1999-12-31 13:45",
      "100%",
      "0042",
      "-5",
      "eighteen",
    ]);
    expect(sheets[0]!.rows[1]![1][9]).toBe("#N/A");
  });

  it("on merged and blank cells, blank rows and several sheets, choosing the sheet by its header", () => {
    const notes = XLSX.utils.aoa_to_sheet([["Exported from the SIS"], [], ["on Monday"]]);
    const roster = XLSX.utils.aoa_to_sheet([
      [],
      [null, "Student ID", "First Name", null, "Last Name"],
      [null, "1", "Ann", null, "Lee"],
      [],
      [null, "2", null, null, "Kim", null],
      [null, "  3  ", "Bo", null, "   "],
    ]);
    roster["!merges"] = [XLSX.utils.decode_range("C3:D3")];
    const blank = XLSX.utils.aoa_to_sheet([]);
    const bytes = written(book(["Notes", notes], ["Empty", blank], ["Roster", roster]));
    const sheets = readBoth(bytes);
    expect(sheets.map(({ name }) => name)).toEqual(["Notes", "Empty", "Roster"]);
    expect(sheets[2]!.rows).toEqual([
      [2, ["", "Student ID", "First Name", "", "Last Name"]],
      [3, ["", "1", "Ann", "", "Lee"]],
      [5, ["", "2", "", "", "Kim"]],
      [6, ["", "3", "Bo"]],
    ]);
    const table = readFile(bytes, { isHeader: (cells) => cells.includes("Student ID") });
    expect(table).toMatchObject({ sheetName: "Roster", headerRow: 2 });
    // Walked twice (the sheet streams: the second walk reads it again from the top).
    for (let walk = 1; walk <= 2; walk++) {
      const rows: number[] = [];
      table.eachRow((_cells, row) => rows.push(row));
      expect(rows, `walk ${walk}`).toEqual([3, 5, 6]);
    }
  });

  it("on shared and inline strings: rich-text runs, phonetic runs, entities, character references, xml:space, escapes", () => {
    const shared = [
      '<si><t xml:space="preserve">  Núñez &amp; Sons  </t></si>',
      '<si><r><rPr><b/></rPr><t>Zo</t></r><r><t xml:space="preserve">ë O&apos;Brien</t></r></si>',
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><r><t>Ka</t></r><rPh sb="0" eb="1"><t>x</t></rPh><r><t>nji</t></r></si>',
      "<si><t>line_x000D_\r\nnext &#233;&#x00E9; &lt;tag&gt; &quot;q&quot;</t></si>",
      "<si><t/></si>",
    ];
    const bytes = handWritten(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2" t="inlineStr"><is><t xml:space="preserve"> inline &amp; </t></is></c><c r="D2" t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t>line</t></r></is></c></row>' +
        '<row r="3"><c r="A3" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#DIV/0!</v></c><c r="D3"><v>3.5</v></c></row>',
      { sharedStrings: shared, dimension: "A1:D3" },
    );
    const sheets = readBoth(bytes);
    expect(sheets[0]!.name).toBe("Data & more");
    expect(sheets[0]!.rows).toEqual([
      [1, ["Núñez & Sons", "Zoë O'Brien", "漢字", "Kanji"]],
      [2, ['line\r\nnext éé <tag> "q"', "", "inline &", "inline"]],
      [3, ["a&b", "TRUE", "#DIV/0!", "3.5"]],
    ]);
  });

  it("on number formats from styles.xml, gaps in cell references, cells without one, and no <dimension>", () => {
    const bytes = handWritten(
      '<row r="2"><c r="B2" s="1"><v>417</v></c><c r="D2" s="2"><v>40641</v></c><c s="3"><v>0.5</v></c><c s="4"><v>44000.25</v></c><c s="5" t="s"><v>0</v></c></row>' +
        '<row r="4" spans="1:3"><c r="C4" s="1"/><c r="E4"><f>1+1</f></c></row>' +
        '<row><c r="B5"><v>1.0E-3</v></c><c r="C5"><v>123456789012345</v></c><c r="D5"><v>0.1</v></c></row>',
      { sharedStrings: ["<si><t>000417</t></si>"] },
    );
    const sheets = readBoth(bytes);
    expect(sheets[0]).toMatchObject({ firstColumn: 1, lastRow: 5 });
    expect(sheets[0]!.rows).toEqual([
      [2, ["000417", "", "2011-04-08", "50.00%", "6/18/20", "000417"]],
      [5, ["0.001", "123456789012345", "0.1"]],
    ]);
  });

  it("on a sheet whose elements carry a namespace prefix, and a single-cell <dimension>", () => {
    const bytes = handWritten(
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Student ID</x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row>',
      {
        prefix: "x:",
        dimension: "A1",
      },
    );
    expect(readBoth(bytes)[0]!.rows).toEqual([[1, ["Student ID", "7"]]]);
  });

  it("on the 1904 date system", () => {
    const sheet = XLSX.utils.aoa_to_sheet([["Date"], [new Date(Date.UTC(2020, 0, 2))]], { cellDates: true });
    sheet["A2"]!.z = "yyyy-mm-dd";
    const workbook = book(["Dates", sheet]);
    workbook.Workbook = { WBProps: { date1904: true } };
    expect(readBoth(written(workbook))[0]!.rows[1]).toEqual([2, ["2020-01-02"]]);
  });
});

describe("our XLSX reader refuses what it cannot read in order", () => {
  it("rows out of order, and a cell filed under another row", () => {
    const backwards = handWritten('<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>', {
      dimension: "A1:A3",
    });
    expect(() => readWith(backwards, "ours")).toThrow(
      new ImportFileError(
        "unreadable_spreadsheet",
        "This XLSX file could not be read (its row 2 comes after row 3). Open it in Excel and save it again as XLSX or CSV.",
      ),
    );
    const misfiled = handWritten('<row r="1"><c r="A2"><v>1</v></c></row>', { dimension: "A1:A2" });
    expect(() => readWith(misfiled, "ours")).toThrow(
      new ImportFileError(
        "unreadable_spreadsheet",
        "This XLSX file could not be read (its cell A2 is inside row 1). Open it in Excel and save it again as XLSX or CSV.",
      ),
    );
  });

  it("a shared string the workbook does not have", () => {
    const bytes = handWritten('<row r="1"><c r="A1" t="s"><v>3</v></c></row>', { dimension: "A1:A1" });
    expect(() => readWith(bytes, "ours")).toThrow(expect.objectContaining({ code: "unreadable_spreadsheet" }));
  });
});
