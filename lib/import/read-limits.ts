// Limits and messages shared by text files and spreadsheets (read-text.ts, read-spreadsheet.ts):
// every row, column and cell limit has one error, naming the row, column and sheet.

import { ImportFileError, type ReadLimits } from "./types";

/** How messages name a place: `Row 5, column "Student ID": ` or `Sheet "Roster", row 5, …`. */
export type Locator = {
  /** Prefix for a row (and column); ends with ": ". */
  at: (row: number, columnIndex?: number) => string;
  /** The header's column name at an index, if it has one (for ImportFileError details). */
  columnName: (columnIndex: number) => string | undefined;
  /** Prefix for a message about the whole file or sheet ("" or `Sheet "Roster": `). */
  scope: string;
  sheet?: string;
};

export function textLocator(header: string[]): Locator {
  const columnName = (i: number) => header[i] || undefined;
  return {
    at: (row, i) =>
      i === undefined ? `Row ${row}: ` : `Row ${row}, ${columnLabel(columnName(i), `column ${i + 1}`)}: `,
    columnName,
    scope: "",
  };
}

export function columnLabel(name: string | undefined, fallback: string): string {
  return name ? `column "${name}"` : fallback;
}

/** Cells up to the last non-empty one: trailing empty cells do not count against the limit. */
export function usedWidth(cells: string[]): number {
  let width = cells.length;
  while (width > 0 && cells[width - 1] === "") width--;
  return width;
}

export function checkHeader(header: string[], headerRow: number, limits: ReadLimits, where: Locator): void {
  const width = usedWidth(header);
  if (width > limits.maxColumns) {
    throw new ImportFileError(
      "too_many_columns",
      capitalize(
        `${where.scope}the header has ${formatCount(width)} columns; the limit is ${formatCount(limits.maxColumns)}.`,
      ),
      details({ row: headerRow, sheet: where.sheet }),
    );
  }
  checkCells(header, headerRow, limits, where);
}

function checkCells(cells: string[], row: number, limits: ReadLimits, where: Locator): void {
  for (let i = 0; i < cells.length; i++) {
    const length = cells[i]!.length;
    if (length > limits.maxCellChars) {
      throw new ImportFileError(
        "cell_too_long",
        `${where.at(row, i)}the value is ${formatCount(length)} characters long; the limit is ${formatCount(limits.maxCellChars)}.`,
        details({ row, column: where.columnName(i), sheet: where.sheet }),
      );
    }
  }
}

/** Counts data rows and checks each against the row, column and cell limits. */
export class RowCounter {
  private count = 0;
  constructor(
    private readonly limits: ReadLimits,
    private readonly where: Locator,
  ) {}

  check(cells: string[], row: number): void {
    const { limits, where } = this;
    this.count += 1;
    if (this.count > limits.maxRows) {
      throw new ImportFileError(
        "too_many_rows",
        `${where.at(row)}the ${where.sheet ? "sheet" : "file"} has more than ${formatCount(limits.maxRows)} data rows; the limit is ${formatCount(limits.maxRows)}.`,
        details({ row, sheet: where.sheet }),
      );
    }
    const width = usedWidth(cells);
    if (width > limits.maxColumns) {
      throw new ImportFileError(
        "too_many_columns",
        `${where.at(row)}the row has ${formatCount(width)} columns; the limit is ${formatCount(limits.maxColumns)}.`,
        details({ row, sheet: where.sheet }),
      );
    }
    checkCells(cells, row, limits, where);
  }
}

export function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

export function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell === "");
}

export function emptyFile(): ImportFileError {
  return new ImportFileError(
    "empty_file",
    "The file is empty: it has no header row and no data. Export the roster again from your SIS.",
  );
}

/** ImportFileError details without the keys that have no value. */
export function details(where: ImportFileError["details"]): ImportFileError["details"] {
  return Object.fromEntries(Object.entries(where).filter(([, value]) => value !== undefined));
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 10485760 → "10,485,760". */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
