// Spreadsheets (XLSX, XLS): the first sheet with a recognisable header row, every cell as the
// spreadsheet displays it. XLSX sheets stream through our reader (xlsx-reader.ts) a row at a
// time; XLS, and an XLSX outside what that reader models, are opened whole with SheetJS.
// Messages name the sheet, row and column.

import * as XLSX from "@e965/xlsx";
import { passwordProtectedError, passwordProtectedKind } from "./password-protection";
import { checkHeader, columnLabel, RowCounter, usedWidth, type Locator } from "./read-limits";
import { ImportFileError, ROWS_PER_TURN, type ReadLimits, type RowTable } from "./types";
import { openXlsx, type SheetRows } from "./xlsx-reader";

/** Spreadsheets only: does this (first non-blank) row look like the roster's header? */
export type IsHeader = (cells: string[]) => boolean;

export function readSpreadsheet(
  bytes: Uint8Array,
  format: "xlsx" | "xls",
  limits: ReadLimits,
  isHeader: IsHeader | undefined,
): RowTable {
  const sheets = workbookSheets(bytes, format);
  const chosen = sheets[chooseSheet(sheets, isHeader)]!;
  const grid = chosen.grid!;
  const first = chosen.first!;
  return sheetTable(format, chosen.name, first, grid.firstColumn, limits, grid.lastRow - first.row, () =>
    grid.rowsAfter(first.row),
  );
}

/** A sheet of a workbook and its first non-blank row (null when the sheet is blank). */
export type SheetCandidate = { name: string; first: { row: number; cells: string[] } | null };

/**
 * Opens a workbook and lists its sheets with their first non-blank rows. An XLSX sheet is read
 * only that far here; the rest of the chosen sheet streams when its rows are walked.
 */
export function workbookSheets(
  bytes: Uint8Array,
  format: "xlsx" | "xls",
  reader: "ours" | "sheetjs" = "ours",
): Array<SheetCandidate & { grid: SheetRows | null }> {
  if (format === "xlsx" && reader === "ours") {
    const streamed = unreadableUnlessExplained(() =>
      openXlsx(bytes)?.map(({ name, rows }) => ({ name, grid: rows, first: rows?.firstNonBlankRow() ?? null })),
    );
    if (streamed) return streamed;
  }
  const workbook = openWorkbook(bytes, format);
  return workbook.SheetNames.map((name) => {
    const sheet = workbook.Sheets[name];
    const grid = sheet ? new SheetGrid(sheet) : null;
    return { name, grid, first: grid?.firstNonBlankRow() ?? null };
  });
}

/** The index of the first sheet with content whose first row is a header; else a clear error. */
export function chooseSheet(sheets: SheetCandidate[], isHeader: IsHeader | undefined): number {
  let anyContent = false;
  for (const [index, { first }] of sheets.entries()) {
    if (!first) continue;
    anyContent = true;
    if (isHeader && !isHeader(first.cells)) continue;
    return index;
  }
  const names = sheets.map(({ name }) => `"${name}"`).join(", ");
  if (!anyContent) {
    throw new ImportFileError("empty_file", `The spreadsheet is empty: no sheet has any data (checked ${names}).`);
  }
  throw new ImportFileError(
    "no_header_row",
    `No sheet has a recognisable header row (checked ${names}). The first non-blank row of the roster sheet must be the column names (such as "Student ID").`,
  );
}

/** Runs `read`; an error that is not already one of ours becomes "could not be read". */
function unreadableUnlessExplained<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw unreadable("xlsx", error);
  }
}

function unreadable(format: "xlsx" | "xls", error: unknown): ImportFileError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ImportFileError(
    "unreadable_spreadsheet",
    `This ${format.toUpperCase()} file could not be read (${reason}). Open it in Excel and save it again as XLSX or CSV, or export it again from your SIS.`,
  );
}

function openWorkbook(bytes: Uint8Array, format: "xlsx" | "xls"): XLSX.WorkBook {
  try {
    return XLSX.read(bytes, {
      type: "array",
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
    });
  } catch (error) {
    const protectedKind = format === "xls" ? passwordProtectedKind(bytes) : null;
    if (protectedKind) throw passwordProtectedError(protectedKind);
    throw unreadable(format, error);
  }
}

/**
 * The RowTable of a sheet whose header is `first`: `rows` walks the non-blank data rows after it
 * (in this thread from the workbook, or from the rows a worker sent), `span` is how many rows
 * the walk covers (for progress). Each row is checked against the limits as it is walked.
 */
export function sheetTable(
  format: "xlsx" | "xls",
  sheetName: string,
  first: { row: number; cells: string[] },
  firstColumn: number,
  limits: ReadLimits,
  span: number,
  rows: () => Iterable<{ row: number; cells: string[] }>,
): RowTable {
  const header = first.cells;
  const where = sheetLocator(sheetName, header, firstColumn);
  checkHeader(header, first.row, limits, where);
  return {
    format,
    sheetName,
    headerRow: first.row,
    header,
    eachRow(onRow) {
      const counter = new RowCounter(limits, where);
      for (const { row, cells } of rows()) {
        counter.check(cells, row);
        onRow(cells, row);
      }
    },
    async eachRowAsync(onRow, onProgress) {
      const counter = new RowCounter(limits, where);
      let walked = 0;
      for (const { row, cells } of rows()) {
        walked += 1;
        if (walked % ROWS_PER_TURN === 0) {
          onProgress?.(Math.min(1, (row - first.row) / Math.max(1, span)));
          await new Promise((resolve) => setImmediate(resolve));
        }
        counter.check(cells, row);
        onRow(cells, row);
      }
    },
  };
}

/** Cell text of a sheet by spreadsheet row number (1-based), like sheet_to_json with raw: false. */
export class SheetGrid implements SheetRows {
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstColumn: number;
  private readonly lastColumn: number;
  private readonly data: XLSX.CellObject[][] | undefined;

  constructor(private readonly sheet: XLSX.WorkSheet) {
    const range = sheet["!ref"] ? XLSX.utils.decode_range(sheet["!ref"]) : null;
    this.firstRow = range ? range.s.r + 1 : 1;
    this.lastRow = range ? range.e.r + 1 : 0;
    this.firstColumn = range?.s.c ?? 0;
    this.lastColumn = range?.e.c ?? -1;
    this.data = sheet["!data"] as XLSX.CellObject[][] | undefined;
  }

  firstNonBlankRow(): { row: number; cells: string[] } | null {
    for (let row = this.firstRow; row <= this.lastRow; row++) {
      const cells = this.rowCells(row);
      if (cells.length > 0) return { row, cells };
    }
    return null;
  }

  /** The non-blank rows after `row`, in order. */
  *rowsAfter(row: number): Generator<{ row: number; cells: string[] }> {
    for (let r = row + 1; r <= this.lastRow; r++) {
      const cells = this.rowCells(r);
      if (cells.length > 0) yield { row: r, cells };
    }
  }

  /** The row's cells from the range's first column, trimmed, without trailing empty cells. */
  rowCells(row: number): string[] {
    const r = row - 1;
    const dense = this.data ? this.data[r] : undefined;
    if (this.data && !dense) return [];
    const last = dense ? Math.min(this.lastColumn, dense.length - 1) : this.lastColumn;
    const cells: string[] = [];
    for (let c = this.firstColumn; c <= last; c++) {
      const cell = dense ? dense[c] : (this.sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined);
      cells.push(cellText(cell));
    }
    cells.length = usedWidth(cells);
    return cells;
  }
}

/**
 * A cell as the spreadsheet displays it (SheetJS's formatted text `w`), so an id stored as a
 * number with a `0000000` format keeps its zeros. One exception: a whole number that the General
 * format shows in scientific notation (a 12+ digit id: "1.23457E+11") is given in full instead.
 */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.t === "z") return "";
  if (
    cell.t === "n" &&
    typeof cell.v === "number" &&
    Number.isSafeInteger(cell.v) &&
    /^-?\d(\.\d+)?E\+\d+$/i.test(cell.w ?? "")
  ) {
    return String(cell.v);
  }
  if (cell.w !== undefined) return cell.w.trim();
  if (cell.v === undefined || cell.v === null) return "";
  return XLSX.utils.format_cell(cell).trim();
}

function sheetLocator(sheet: string, header: string[], firstColumn: number): Locator {
  const columnName = (i: number) => header[i] || undefined;
  return {
    at: (row, i) =>
      i === undefined
        ? `Sheet "${sheet}", row ${row}: `
        : `Sheet "${sheet}", row ${row}, ${columnLabel(columnName(i), `column ${XLSX.utils.encode_col(firstColumn + i)}`)}: `,
    columnName,
    scope: `Sheet "${sheet}": `,
    sheet,
  };
}
