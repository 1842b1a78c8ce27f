// Step 1 of the import: bytes → header + a stream of data rows (RowTable). Pure: no database.
//
// Format comes from the bytes, never the file name (docs/import-rules.md): `PK\x03\x04` is
// XLSX, the CFB signature is XLS, anything else is text (CSV / semicolon CSV / TSV). Every
// problem is an ImportFileError whose message says what is wrong and where (sheet, row, column).
// Text files: read-text.ts; spreadsheets: read-spreadsheet.ts; the XLSX zip guard:
// archive-guard.ts; limits shared by both: read-limits.ts.

import { formatBytes } from "@/lib/format";
import { checkXlsxArchive } from "./archive-guard";
import { readRange, readWhole, type ImportBytes } from "./byte-source";
import { emptyFile, startsWith } from "./read-limits";
import { readSpreadsheet, type IsHeader } from "./read-spreadsheet";
import { readText } from "./read-text";
import { DEFAULT_READ_LIMITS, ImportFileError, type FileFormat, type ReadLimits, type RowTable } from "./types";

export type ReadFileOptions = {
  limits?: Partial<ReadLimits>;
  /** Spreadsheets only: does this (first non-blank) row look like the roster's header? */
  isHeader?: IsHeader;
};

const XLSX_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const XLS_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The file's format, from its first bytes. */
export function detectFormat(bytes: Uint8Array): FileFormat {
  if (startsWith(bytes, XLSX_SIGNATURE)) return "xlsx";
  if (startsWith(bytes, XLS_SIGNATURE)) return "xls";
  return "csv";
}

/**
 * Reads a roster file in this thread. Text files are decoded once and their rows streamed by
 * papaparse when `eachRow` is called; spreadsheets are opened with SheetJS (after a zip-bomb
 * check for XLSX). A server reads through readFileOffThread (read-off-thread.ts) instead.
 */
export function readFile(source: ImportBytes, options: ReadFileOptions = {}): RowTable {
  const { limits, format } = checkFile(source, options);
  if (format === "csv") return readText(source, limits);
  const bytes = readWhole(source);
  if (format === "xlsx") checkXlsxArchive(bytes, limits);
  return readSpreadsheet(bytes, format, limits, options.isHeader);
}

/** The limits in force and the file's format, once its size is known to be within them. */
export function checkFile(source: ImportBytes, options: ReadFileOptions): { limits: ReadLimits; format: FileFormat } {
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  if (source.byteLength > limits.maxBytes) {
    throw new ImportFileError(
      "file_too_large",
      `The file is ${formatBytes(source.byteLength)}; the limit is ${formatBytes(limits.maxBytes)}.`,
    );
  }
  if (source.byteLength === 0) throw emptyFile();
  return { limits, format: detectFormat(readRange(source, 0, XLS_SIGNATURE.length)) };
}
