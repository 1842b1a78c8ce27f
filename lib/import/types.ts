// Shared types of the import pipeline (read → map → validate → plan → apply). Pure: no database
// access (the kinds and the issue shape come from the schema, where they are stored).
import { importKind, type AnyImportKind, type ImportIssue } from "@/db/schema/imports";

export type { AnyImportKind, ImportIssue };
/** Every kind an import can be recorded as: a table kind or a set kind. */
export const ANY_IMPORT_KINDS = importKind.enumValues;
/** Kinds read from one table (CSV, TSV, XLSX, XLS) through a column mapping. */
export const IMPORT_KINDS = ["combined", "staff", "students"] as const satisfies readonly AnyImportKind[];
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type TableKind = ImportKind;
/** Kinds read from a set of CSV files (a .zip or a folder): see lib/import/sets. */
export const SET_KINDS = ["oneroster", "clever", "sds"] as const satisfies readonly AnyImportKind[];
export type SetKind = (typeof SET_KINDS)[number];
export const isSetKind = (kind: string): kind is SetKind => (SET_KINDS as readonly string[]).includes(kind);

/** The fields of each kind of file (docs/domain.md "The files"), required ones first. */
export const FIELDS = {
  combined: {
    required: [
      "term",
      "schoolId",
      "className",
      "classId",
      "studentFirstName",
      "studentLastName",
      "studentId",
      "teacherFirstName",
      "teacherLastName",
      "teacherEmail",
    ],
    optional: ["classPeriod", "staffId", "studentEmail", "grade"],
  },
  staff: {
    required: ["schoolId", "firstName", "lastName", "email"],
    optional: ["staffId", "title"],
  },
  students: {
    required: ["schoolId", "studentId", "firstName", "lastName"],
    optional: ["grade", "email"],
  },
} as const satisfies Record<ImportKind, { required: readonly string[]; optional: readonly string[] }>;

export type FieldOf<K extends ImportKind> =
  (typeof FIELDS)[K]["required"][number] | (typeof FIELDS)[K]["optional"][number];
export type AnyField = FieldOf<ImportKind>;

/** Every field of a kind of file, required ones first, in FIELDS order (staged rows keep this order). */
export function fieldsOf(kind: ImportKind): readonly AnyField[] {
  return [...FIELDS[kind].required, ...FIELDS[kind].optional];
}

/** How a field is named in messages ("teacher email"), the way docs/domain.md names it. */
export const FIELD_LABELS: Record<AnyField, string> = {
  term: "term",
  schoolId: "school id",
  className: "class name",
  classId: "class id",
  classPeriod: "class period",
  studentFirstName: "student first",
  studentLastName: "student last",
  studentId: "student id",
  studentEmail: "student email",
  grade: "grade",
  teacherFirstName: "teacher first",
  teacherLastName: "teacher last",
  teacherEmail: "teacher email",
  staffId: "staff id",
  firstName: "first",
  lastName: "last",
  email: "email",
  title: "title",
};

export type Severity = ImportIssue["severity"];

/**
 * A file the import cannot use at all (unreadable, wrong format, too large, missing required
 * column, no data rows). The import fails and nothing is applied; the message says what to fix
 * and where (row, column, sheet).
 */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: { row?: number; column?: string; sheet?: string; file?: string } = {},
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}

export type FileFormat = "csv" | "xlsx" | "xls";

/** The limits a file must respect; every one has a clear error. */
export type ReadLimits = {
  maxBytes: number;
  maxColumns: number;
  maxCellChars: number;
  maxRows: number;
  /** XLSX: refuse before inflating when the entries' declared uncompressed total exceeds this … */
  maxUncompressedBytes: number;
  /** … or when uncompressed / compressed exceeds this ratio for the whole archive. */
  maxCompressionRatio: number;
  /**
   * XLSX: the sheets' XML (worksheets and shared strings) once inflated. SheetJS holds ~4–5 times
   * this in memory and takes seconds per 10 MB, so it is capped by what a spreadsheet roster
   * needs: ~700 bytes of XML a row, about 300,000 rows. Larger rosters come as CSV.
   */
  maxSheetXmlBytes: number;
};

/**
 * A size setting (IMPORT_MAX_FILE_MB, IMPORT_MAX_ROWS; lib/env.ts checks them at start-up), read
 * when a limit is asked for, so a process that sets it before its first import gets it.
 */
function setting(name: string, fallback: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, max) : fallback;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  /** IMPORT_MAX_FILE_MB: 100 MB unless raised (up to 1 GB). */
  get maxBytes() {
    return setting("IMPORT_MAX_FILE_MB", 100, 1024) * 1024 * 1024;
  },
  maxColumns: 200,
  maxCellChars: 1_000,
  /** IMPORT_MAX_ROWS: 2,000,000 unless raised (up to 10,000,000). */
  get maxRows() {
    return setting("IMPORT_MAX_ROWS", 2_000_000, 10_000_000);
  },
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxSheetXmlBytes: 200 * 1024 * 1024,
};

/**
 * The result of reading a file: its header row and a way to walk the data rows once, in order.
 * Rows are streamed so a million-row file never sits in memory as one big table.
 */
export type RowTable = {
  format: FileFormat;
  /** Text files only: the encoding the bytes were decoded with. */
  encoding?: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
  /** Text files only. */
  delimiter?: "," | ";" | "\t";
  /** Spreadsheets only: the sheet the rows come from (every message names it). */
  sheetName?: string;
  /** Spreadsheet row number of the header row (1 for text files). */
  headerRow: number;
  /** Header cells, trimmed, as written. */
  header: string[];
  /**
   * Calls `onRow` for every data row after the header, in order, with the spreadsheet row number
   * of the row. Entirely blank rows are skipped. Throws ImportFileError on a problem (e.g. an
   * unclosed quote, a cell over the limit) naming the row. Call it once.
   */
  eachRow: (onRow: (cells: string[], row: number) => void) => void;
  /**
   * The same walk, giving the event loop a turn every few thousand rows and reporting how far
   * it got (0–1), so a server can stream progress while a large file is read.
   */
  eachRowAsync: (
    onRow: (cells: string[], row: number) => void,
    onProgress?: (fraction: number) => void,
  ) => Promise<void>;
};

/**
 * Rows between two turns of the event loop in `eachRowAsync`: reading and checking 2,000 rows
 * takes ~20 ms on the server's thread (20,000 held its other requests ~0.3 s).
 */
export const ROWS_PER_TURN = 2_000;

/**
 * Thrown (instead of recording a failed import) when an upload's required columns cannot be
 * matched and the uploader can choose them: the file's headers, its first rows and the guess.
 */
export class ColumnMappingNeeded extends Error {
  constructor(
    readonly code: "missing_column" | "duplicate_column",
    message: string,
    readonly headers: string[],
    readonly samples: string[][],
    readonly guess: Partial<Record<AnyField, string>>,
    readonly sheetName: string | null,
  ) {
    super(message);
    this.name = "ColumnMappingNeeded";
  }
}
