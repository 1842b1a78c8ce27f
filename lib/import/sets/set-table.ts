import { readFile } from "../read-file";
import { ImportFileError, type ImportIssue } from "../types";
import type { SetFile } from "./set-files";

// One CSV of a set, read through the same text reader as a single file (encodings, delimiters,
// CR-only line ends, quotes, limits), with its columns found by name.

export type SetRow = { row: number; cells: string[] };
export type SetTable = { file: string; header: string[]; rows: SetRow[] };

/** "School_id", "schoolSourcedId", "SIS ID" → "schoolid", "schoolsourcedid", "sisid". */
export const normalizeHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Reads one file of the set; a problem in it is reported with the file's name. */
export function readSetTable(file: SetFile): SetTable {
  try {
    if (file.bytes.byteLength === 0 || !/\S/.test(new TextDecoder().decode(file.bytes.subarray(0, 4096)))) {
      return { file: file.name, header: [], rows: [] };
    }
    const table = readFile(file.bytes);
    if (table.format !== "csv") {
      throw new ImportFileError(
        "not_a_csv",
        `${file.name} is a ${table.format.toUpperCase()} spreadsheet; the files of a set are CSV files.`,
        { file: file.name },
      );
    }
    const rows: SetRow[] = [];
    table.eachRow((cells, row) => rows.push({ row, cells }));
    return { file: file.name, header: table.header, rows };
  } catch (error) {
    if (error instanceof ImportFileError && !error.details.file) {
      throw new ImportFileError(error.code, `${file.name}: ${error.message}`, { ...error.details, file: file.name });
    }
    throw error;
  }
}

/** Field → accepted header names (normalized): the spec's name first, then seen-in-the-wild ones. */
export type ColumnSpec<F extends string> = Record<F, readonly string[]>;

/** A table's columns by field; `get` answers the trimmed cell ("" when the column is absent). */
export class Columns<F extends string> {
  private readonly index = new Map<F, number>();

  constructor(
    readonly table: SetTable,
    spec: ColumnSpec<F>,
    required: readonly NoInfer<F>[],
    what: string,
  ) {
    const positions = new Map<string, number>();
    table.header.forEach((cell, i) => {
      const key = normalizeHeader(cell);
      if (key !== "" && !positions.has(key)) positions.set(key, i);
    });
    for (const field of Object.keys(spec) as F[]) {
      for (const name of spec[field]) {
        const at = positions.get(normalizeHeader(name));
        if (at !== undefined) {
          this.index.set(field, at);
          break;
        }
      }
    }
    if (table.rows.length === 0 && table.header.length === 0) return;
    const missing = required.filter((field) => !this.index.has(field));
    if (missing.length > 0) {
      const names = missing.map((field) => `"${spec[field][0]}"`).join(", ");
      throw new ImportFileError(
        "missing_column",
        `${table.file} (${what}) has no ${names} column${missing.length > 1 ? "s" : ""}. Its header is: ${table.header.join(", ")}.`,
        { file: table.file, row: 1, column: spec[missing[0]!][0] },
      );
    }
  }

  has(field: F): boolean {
    return this.index.has(field);
  }

  get(row: SetRow, field: F): string {
    const at = this.index.get(field);
    return at === undefined ? "" : (row.cells[at] ?? "").trim();
  }

  /** The column's header as written (for issues), or the spec's name when absent. */
  name(field: F, spec: ColumnSpec<F>): string {
    const at = this.index.get(field);
    return at === undefined ? (spec[field][0] ?? field) : (this.table.header[at] ?? field);
  }
}

/** An error on one row of one file of a set. */
export function rowIssue(file: string, row: number, column: string | null, code: string, message: string): ImportIssue {
  return { file, row, column, severity: "error", code, message };
}

/** "a, b" / "a b" lists in one cell (OneRoster orgSourcedIds, termSourcedIds, periods). */
export const splitList = (cell: string) =>
  cell
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
