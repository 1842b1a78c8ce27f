// Step 1 of the import: bytes → header + a stream of data rows (RowTable). Pure: no database.
//
// Format comes from the bytes, never the file name (DESIGN.md "The files"): `PK\x03\x04` is
// XLSX, the CFB signature is XLS, anything else is text (CSV / semicolon CSV / TSV). Every
// problem is an ImportFileError whose message says what is wrong and where (sheet, row, column).

import * as XLSX from "@e965/xlsx";
import { Inflate } from "fflate";
import Papa from "papaparse";
import { formatBytes } from "@/lib/format";
import { passwordProtectedError, passwordProtectedKind } from "./password-protection";
import {
  DEFAULT_READ_LIMITS,
  ImportFileError,
  ROWS_PER_TURN,
  type FileFormat,
  type ReadLimits,
  type RowTable,
} from "./types";

export type ReadFileOptions = {
  limits?: Partial<ReadLimits>;
  /** Spreadsheets only: does this (first non-blank) row look like the roster's header? */
  isHeader?: (cells: string[]) => boolean;
};

type TextEncoding = NonNullable<RowTable["encoding"]>;
type Delimiter = NonNullable<RowTable["delimiter"]>;

const XLSX_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const XLS_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The ratio limit only applies above this size: small, very repetitive workbooks are fine. */
const RATIO_CHECK_MIN_BYTES = 10 * 1024 * 1024;
/** How much of a text file is inspected to tell text from binary data. */
const SNIFF_BYTES = 8192;

/** The file's format, from its first bytes. */
export function detectFormat(bytes: Uint8Array): FileFormat {
  if (startsWith(bytes, XLSX_SIGNATURE)) return "xlsx";
  if (startsWith(bytes, XLS_SIGNATURE)) return "xls";
  return "csv";
}

/**
 * Reads a roster file. Text files are decoded once and their rows streamed by papaparse when
 * `eachRow` is called; spreadsheets are opened with SheetJS (after a zip-bomb check for XLSX).
 */
export function readFile(bytes: Uint8Array, options: ReadFileOptions = {}): RowTable {
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  if (bytes.length > limits.maxBytes) {
    throw new ImportFileError(
      "file_too_large",
      `The file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(limits.maxBytes)}.`,
    );
  }
  if (bytes.length === 0) throw emptyFile();
  const format = detectFormat(bytes);
  if (format === "csv") return readText(bytes, limits);
  if (format === "xlsx") checkXlsxArchive(bytes, limits);
  return readSpreadsheet(bytes, format, limits, options.isHeader);
}

// ---------------------------------------------------------------------------------------------
// Text files

function readText(bytes: Uint8Array, limits: ReadLimits): RowTable {
  const { text, encoding } = decodeText(bytes);
  // \s covers the BOM (U+FEFF) too; a regex stops at the first non-blank character.
  if (!/\S/.test(text)) throw emptyFile();
  refuseNonRosterText(text);
  const { delimiter, newline } = sniffHeaderLine(text);
  const parseConfig = { delimiter, newline, header: false, skipEmptyLines: false, quoteChar: '"' } as const;

  const first = Papa.parse<string[]>(text, { ...parseConfig, preview: 1 });
  const rawHeader = first.data[0] ?? [];
  if (first.errors[0]) throw quoteError(text, 0, first.errors[0], rawHeader, 1, [], delimiter);
  const header = rawHeader.map((cell) => cell.trim());
  if (isBlank(header)) {
    throw new ImportFileError(
      "no_header_row",
      'Row 1 is blank. The first row of the file must be the header with the column names (such as "Student ID").',
      { row: 1 },
    );
  }
  const where = textLocator(header);
  checkHeader(header, 1, limits, where);

  return {
    format: "csv",
    encoding,
    delimiter,
    headerRow: 1,
    header,
    eachRow(onRow) {
      const step = textStepper(onRow);
      Papa.parse<string[]>(text, { ...parseConfig, step: (result) => step(result) });
    },
    eachRowAsync(onRow, onProgress) {
      const step = textStepper(onRow);
      return new Promise<void>((resolve, reject) => {
        let failed = false;
        let records = 0;
        Papa.parse<string[]>(text, {
          ...parseConfig,
          step(result, parser) {
            if (failed) return;
            try {
              step(result);
            } catch (error) {
              failed = true;
              parser.abort();
              reject(error);
              return;
            }
            records += 1;
            if (records % ROWS_PER_TURN === 0) {
              parser.pause();
              onProgress?.(result.meta.cursor / text.length);
              setImmediate(() => parser.resume());
            }
          },
          complete: () => {
            if (!failed) resolve();
          },
        });
      });
    },
  };

  /** Handles papaparse's records one by one: skips the header and blank rows, checks limits. */
  function textStepper(onRow: (cells: string[], row: number) => void) {
    const rows = new RowCounter(limits, where);
    let record = 0; // papaparse yields one record per row, blank lines included
    let recordStart = 0;
    return (result: Papa.ParseStepResult<string[]>) => {
      record += 1;
      const start = recordStart;
      recordStart = result.meta.cursor;
      if (record === 1) return; // the header
      if (result.errors[0]) throw quoteError(text, start, result.errors[0], result.data, record, header, delimiter);
      const cells = result.data.map((cell) => cell.trim());
      if (isBlank(cells)) return;
      rows.check(cells, record);
      onRow(cells, record);
    };
  }
}

/**
 * Decodes text: a BOM says UTF-8 / UTF-16LE / UTF-16BE; without one, UTF-16 is recognised by its
 * zero bytes, then strict UTF-8 is tried and Windows-1252 is the fallback. Binary data is refused.
 */
function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  refuseKnownBinary(bytes);
  let encoding: TextEncoding | null = null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  else encoding = guessBomlessUtf16(bytes);

  let text: string;
  if (encoding) {
    text = new TextDecoder(encoding).decode(bytes); // drops the BOM
  } else {
    if (bytes.subarray(0, SNIFF_BYTES).includes(0)) throw binaryData();
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops the BOM
      encoding = "utf-8";
    } catch {
      const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      text = decodeWindows1252(hasBom ? bytes.subarray(3) : bytes);
      encoding = "windows-1252";
    }
  }
  if (looksBinary(text)) throw binaryData();
  return { text, encoding };
}

/** UTF-16 without a BOM: in the first KBs, nearly every other byte is zero (ASCII in UTF-16). */
function guessBomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const pairs = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++;
    if (bytes[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.7 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.7 && oddZeros < pairs * 0.05) return "utf-16be";
  return null;
}

// Windows-1252 0x80–0x9F. Node's TextDecoder("windows-1252") decodes these bytes as Latin-1
// control characters (U+0080–U+009F) instead, so they are mapped here; in a browser the decoder
// is already right and this is a no-op (the 5 unassigned bytes map to themselves either way).
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252")
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Text with many control characters (other than tab, CR, LF) in its first KBs is binary data. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) controls++;
  }
  return controls > 2 && controls > sample.length * 0.05;
}

const KNOWN_BINARY: { signature: number[]; what: string }[] = [
  { signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: "a PNG image" },
  { signature: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { signature: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { signature: [0x25, 0x50, 0x44, 0x46, 0x2d], what: "a PDF document" },
  { signature: [0x1f, 0x8b], what: "a gzip archive" },
  { signature: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: "a RAR archive" },
  { signature: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: "a 7-Zip archive" },
  { signature: [0x50, 0x4b, 0x05, 0x06], what: "an empty ZIP archive" },
  { signature: [0x50, 0x4b, 0x07, 0x08], what: "a ZIP archive" },
];

function refuseKnownBinary(bytes: Uint8Array): void {
  const known = KNOWN_BINARY.find(({ signature }) => startsWith(bytes, signature));
  if (known) throw binaryData(known.what);
}

/** Text that is clearly not a table: a web page, an XML document (e.g. Excel 2003 XML), RTF. */
function refuseNonRosterText(text: string): void {
  const start = text.slice(0, 2048).trimStart().toLowerCase();
  let what: string | null = null;
  if (start.startsWith("{\\rtf")) what = "an RTF (WordPad) document";
  else if (/^<(!doctype html|html|table)\b/.test(start)) what = "a web page (HTML)";
  else if (start.startsWith("<?xml")) {
    what = start.includes("urn:schemas-microsoft-com:office:spreadsheet")
      ? "an Excel 2003 XML spreadsheet"
      : "an XML document";
  }
  if (what) {
    throw new ImportFileError(
      "not_a_roster_file",
      `This file is not a CSV, TSV, XLS or XLSX file (it looks like ${what}). Open it in Excel and save it as CSV or XLSX, or export the roster again from your SIS.`,
    );
  }
}

/**
 * Delimiter and line ending from the first line (the header): counts `,` `;` and tab outside
 * quotes up to the first line break outside quotes. Most frequent wins; ties and none → comma.
 */
function sniffHeaderLine(text: string): { delimiter: Delimiter; newline: "\r\n" | "\n" | "\r" | undefined } {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  let newline: "\r\n" | "\n" | "\r" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"')
      quoted = !quoted; // a doubled quote toggles twice: still right
    else if (quoted) continue;
    else if (c === "," || c === ";" || c === "\t") counts[c]++;
    else if (c === "\n") {
      newline = "\n";
      break;
    } else if (c === "\r") {
      newline = text[i + 1] === "\n" ? "\r\n" : "\r";
      break;
    }
  }
  let delimiter: Delimiter = ",";
  for (const candidate of ["\t", ";"] as const) if (counts[candidate] > counts[delimiter]) delimiter = candidate;
  return { delimiter, newline };
}

/** A papaparse error (unclosed or malformed quote) as an ImportFileError naming row and column. */
function quoteError(
  text: string,
  recordStart: number,
  error: Papa.ParseError,
  rawCells: string[],
  row: number,
  header: string[],
  delimiter: Delimiter,
): ImportFileError {
  const columnIndex =
    error.index !== undefined && error.index >= recordStart
      ? fieldIndexAt(text, recordStart, error.index, delimiter)
      : Math.max(rawCells.length - 1, 0);
  const columnName = header[columnIndex] || undefined;
  const column = columnName ? `column "${columnName}"` : `column ${columnIndex + 1}`;
  const where = details({ row, column: columnName });
  if (error.code === "MissingQuotes") {
    return new ImportFileError(
      "unclosed_quote",
      `Row ${row}: a quoted value starting in ${column} is never closed (it has an opening " but no closing "), so the rest of the file would be read as one value. Close or remove the quote and export again.`,
      where,
    );
  }
  if (error.code === "InvalidQuotes") {
    return new ImportFileError(
      "invalid_quote",
      `Row ${row}, ${column}: a quoted value has text after its closing quote. Put the whole value in quotes and double any quote inside it ("").`,
      where,
    );
  }
  return new ImportFileError("unreadable_text", `Row ${row}, ${column}: ${error.message}.`, where);
}

/**
 * Which field of the record starting at `recordStart` contains position `index` (papaparse's
 * error index points just after a field's opening quote): delimiters outside quotes before it.
 */
function fieldIndexAt(text: string, recordStart: number, index: number, delimiter: Delimiter): number {
  let field = 0;
  let quoted = false;
  for (let i = recordStart; i < index - 1 && i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) field++;
  }
  return field;
}

// ---------------------------------------------------------------------------------------------
// Limits shared by text files and spreadsheets

/** How messages name a place: `Row 5, column "Student ID": ` or `Sheet "Roster", row 5, …`. */
type Locator = {
  /** Prefix for a row (and column); ends with ": ". */
  at: (row: number, columnIndex?: number) => string;
  /** The header's column name at an index, if it has one (for ImportFileError details). */
  columnName: (columnIndex: number) => string | undefined;
  /** Prefix for a message about the whole file or sheet ("" or `Sheet "Roster": `). */
  scope: string;
  sheet?: string;
};

function textLocator(header: string[]): Locator {
  const columnName = (i: number) => header[i] || undefined;
  return {
    at: (row, i) =>
      i === undefined ? `Row ${row}: ` : `Row ${row}, ${columnLabel(columnName(i), `column ${i + 1}`)}: `,
    columnName,
    scope: "",
  };
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

function columnLabel(name: string | undefined, fallback: string): string {
  return name ? `column "${name}"` : fallback;
}

/** Cells up to the last non-empty one: trailing empty cells do not count against the limit. */
function usedWidth(cells: string[]): number {
  let width = cells.length;
  while (width > 0 && cells[width - 1] === "") width--;
  return width;
}

function checkHeader(header: string[], headerRow: number, limits: ReadLimits, where: Locator): void {
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
class RowCounter {
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

// ---------------------------------------------------------------------------------------------
// Spreadsheets

function readSpreadsheet(
  bytes: Uint8Array,
  format: "xlsx" | "xls",
  limits: ReadLimits,
  isHeader: ReadFileOptions["isHeader"],
): RowTable {
  const workbook = openWorkbook(bytes, format);
  let anyContent = false;
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    const grid = sheet ? new SheetGrid(sheet) : null;
    const first = grid?.firstNonBlankRow();
    if (!grid || !first) continue;
    anyContent = true;
    if (isHeader && !isHeader(first.cells)) continue;
    return sheetTable(format, name, grid, first, limits);
  }
  const names = workbook.SheetNames.map((name) => `"${name}"`).join(", ");
  if (!anyContent) {
    throw new ImportFileError("empty_file", `The spreadsheet is empty: no sheet has any data (checked ${names}).`);
  }
  throw new ImportFileError(
    "no_header_row",
    `No sheet has a recognisable header row (checked ${names}). The first non-blank row of the roster sheet must be the column names (such as "Student ID").`,
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
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportFileError(
      "unreadable_spreadsheet",
      `This ${format.toUpperCase()} file could not be read (${reason}). Open it in Excel and save it again as XLSX or CSV, or export it again from your SIS.`,
    );
  }
}

function sheetTable(
  format: "xlsx" | "xls",
  sheetName: string,
  grid: SheetGrid,
  first: { row: number; cells: string[] },
  limits: ReadLimits,
): RowTable {
  const header = first.cells;
  const where = sheetLocator(sheetName, header, grid.firstColumn);
  checkHeader(header, first.row, limits, where);
  return {
    format,
    sheetName,
    headerRow: first.row,
    header,
    eachRow(onRow) {
      const rows = new RowCounter(limits, where);
      for (let row = first.row + 1; row <= grid.lastRow; row++) {
        const cells = grid.rowCells(row);
        if (cells.length === 0) continue; // blank
        rows.check(cells, row);
        onRow(cells, row);
      }
    },
    async eachRowAsync(onRow, onProgress) {
      const rows = new RowCounter(limits, where);
      const span = Math.max(1, grid.lastRow - first.row);
      for (let row = first.row + 1; row <= grid.lastRow; row++) {
        if ((row - first.row) % ROWS_PER_TURN === 0) {
          onProgress?.((row - first.row) / span);
          await new Promise((resolve) => setImmediate(resolve));
        }
        const cells = grid.rowCells(row);
        if (cells.length === 0) continue; // blank
        rows.check(cells, row);
        onRow(cells, row);
      }
    },
  };
}

/** Cell text of a sheet by spreadsheet row number (1-based), like sheet_to_json with raw: false. */
class SheetGrid {
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

// ---------------------------------------------------------------------------------------------
// XLSX zip checks (before SheetJS inflates anything)

type ZipEntry = {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  /** The largest uncompressed size any field of the entry claims (see readZipEntries). */
  uncompressedSize: number;
  localHeaderOffset: number;
};

/** A structural problem with the zip; becomes "unreadable_spreadsheet". */
class DamagedZip extends Error {}

/**
 * Refuses an XLSX that is damaged, not a workbook, too large once expanded, or a zip bomb.
 * Reads only the zip's central directory and local headers, then inflates every entry with a
 * running count (discarding the output) to prove the declared sizes are true: SheetJS trusts
 * them and inflates every entry into memory.
 */
function checkXlsxArchive(bytes: Uint8Array, limits: ReadLimits): void {
  const damaged = (reason: string) =>
    new ImportFileError(
      "unreadable_spreadsheet",
      `This XLSX file is damaged or incomplete (${reason}). Export it again from your SIS.`,
    );
  let entries: ZipEntry[];
  try {
    entries = readZipEntries(bytes);
  } catch (error) {
    if (error instanceof DamagedZip) throw damaged(error.message);
    throw error;
  }
  refuseNonWorkbookZip(entries);
  checkDeclaredSizes(entries, limits);
  try {
    checkEntryData(bytes, entries, limits);
  } catch (error) {
    if (error instanceof DamagedZip) throw damaged(error.message);
    throw error;
  }
}

/**
 * The same checks for a .zip of CSV files (lib/import/sets): damaged, too large once expanded,
 * entries overlapping or inflating past what they declare. Answers the entry names; nothing
 * inflated is kept.
 */
export function checkZipArchive(bytes: Uint8Array, limits: ReadLimits): string[] {
  try {
    const entries = readZipEntries(bytes);
    checkDeclaredSizes(entries, limits);
    checkEntryData(bytes, entries, limits);
    return entries.map((entry) => entry.name);
  } catch (error) {
    if (error instanceof DamagedZip) {
      throw new ImportFileError(
        "unreadable_archive",
        `This .zip file is damaged or incomplete (${error.message}). Create the .zip again.`,
      );
    }
    throw error;
  }
}

function refuseNonWorkbookZip(entries: ZipEntry[]): void {
  const names = new Set(entries.map((entry) => entry.name.toLowerCase()));
  if (names.has("xl/workbook.xml") || names.has("xl/workbook.bin")) return;
  let what = "a ZIP archive";
  if (names.has("word/document.xml")) what = "a Word document";
  else if (names.has("ppt/presentation.xml")) what = "a PowerPoint presentation";
  else if (names.has("content.xml") && names.has("mimetype")) what = "an OpenDocument file (.ods/.odt)";
  throw new ImportFileError(
    "not_a_roster_file",
    `This file is ${what}, not an XLSX spreadsheet (it has no xl/workbook.xml). Upload the roster itself as CSV or XLSX; if you zipped it, unzip it first.`,
  );
}

function checkDeclaredSizes(entries: ZipEntry[], limits: ReadLimits): void {
  let uncompressed = 0;
  let compressed = 0;
  for (const entry of entries) {
    uncompressed += entry.uncompressedSize;
    compressed += entry.compressedSize;
  }
  if (uncompressed > limits.maxUncompressedBytes) {
    throw new ImportFileError(
      "archive_too_large",
      `This XLSX file would expand to ${formatBytes(uncompressed)} when opened; the limit is ${formatBytes(limits.maxUncompressedBytes)}. Export only the roster columns and sheets, or export it as CSV.`,
    );
  }
  const ratio = uncompressed / Math.max(compressed, 1);
  if (uncompressed > RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio) {
    throw zipBomb(
      `it would expand from ${formatBytes(compressed)} to ${formatBytes(uncompressed)}, ${formatCount(Math.round(ratio))} times its size; the limit is ${formatCount(limits.maxCompressionRatio)} times`,
    );
  }
}

function zipBomb(reason: string): ImportFileError {
  return new ImportFileError(
    "zip_bomb",
    `This XLSX file was not opened because it looks like a "zip bomb" (${reason}). Export it again from your SIS.`,
  );
}

/**
 * Local headers must be where the directory says, entries must not overlap (overlapping entries
 * are how a small zip expands enormously), and each entry must inflate to no more than it claims.
 */
function checkEntryData(bytes: Uint8Array, entries: ZipEntry[], limits: ReadLimits): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const spans = entries.map((entry) => ({ entry, ...localData(view, entry) }));
  spans.sort((a, b) => a.entry.localHeaderOffset - b.entry.localHeaderOffset);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.entry.localHeaderOffset < spans[i - 1]!.end) {
      throw zipBomb(`its entries "${spans[i - 1]!.entry.name}" and "${spans[i]!.entry.name}" overlap`);
    }
  }
  let total = 0;
  for (const { entry, method, start, end } of spans) {
    if (method !== 8) {
      // stored: at most its own bytes
      if (new DoctypeScan(entry.name).push(bytes.subarray(start, end))) throw doctypeRefused(entry.name);
      continue;
    }
    const size = inflatedSize(bytes.subarray(start, end), entry.uncompressedSize, entry.name);
    total += size;
    if (total > limits.maxUncompressedBytes) {
      throw new ImportFileError(
        "archive_too_large",
        `This XLSX file would expand to more than ${formatBytes(limits.maxUncompressedBytes)} when opened. Export only the roster columns and sheets, or export it as CSV.`,
      );
    }
  }
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;

/** Where an entry's compressed data is, from its local header (what SheetJS reads). */
function localData(view: DataView, entry: ZipEntry): { method: number; start: number; end: number } {
  const at = entry.localHeaderOffset;
  if (at + 30 > view.byteLength || view.getUint32(at, true) !== LOCAL_HEADER_SIGNATURE) {
    throw new DamagedZip(`the entry "${entry.name}" is missing`);
  }
  const flags = view.getUint16(at + 6, true);
  const method = view.getUint16(at + 8, true);
  const nameLength = view.getUint16(at + 26, true);
  const extraLength = view.getUint16(at + 28, true);
  // SheetJS takes the uncompressed size from the local header (or its ZIP64 field, first 8
  // bytes) and allocates that much up front: it may not claim more than the directory does.
  const localSizes = [view.getUint32(at + 22, true)];
  const extraEnd = Math.min(at + 30 + nameLength + extraLength, view.byteLength);
  for (let x = at + 30 + nameLength; x + 4 <= extraEnd; x += 4 + view.getUint16(x + 2, true)) {
    if (view.getUint16(x, true) === 0x0001 && x + 12 <= extraEnd) localSizes.push(readUint64(view, x + 4));
  }
  if (localSizes.some((size) => size !== 0xffffffff && size > entry.uncompressedSize)) {
    throw new DamagedZip(`the entry "${entry.name}" declares two different sizes`);
  }
  if ((flags | entry.flags) & 0x2041) throw new DamagedZip("it is encrypted; remove its password in Excel");
  if (method !== entry.method || (method !== 0 && method !== 8)) {
    throw new DamagedZip(`the entry "${entry.name}" uses an unsupported compression method ${method}`);
  }
  const start = at + 30 + nameLength + extraLength;
  const end = start + entry.compressedSize;
  if (end > view.byteLength) throw new DamagedZip(`the entry "${entry.name}" is cut short`);
  return { method, start, end };
}

/** Inflates without keeping the output; stops as soon as it exceeds what the entry claims. */
function inflatedSize(data: Uint8Array, claimed: number, name: string): number {
  let size = 0;
  let ended = false;
  const doctype = new DoctypeScan(name);
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > claimed) {
      throw zipBomb(`the entry "${name}" expands to more than the ${formatBytes(claimed)} it declares`);
    }
    if (doctype.push(chunk)) throw doctypeRefused(name);
    if (final) ended = true;
  });
  const CHUNK = 64 * 1024; // at most ~64 MB of output per push at deflate's best ratio
  try {
    for (let offset = 0; offset < data.length; offset += CHUNK) {
      inflate.push(data.subarray(offset, offset + CHUNK), offset + CHUNK >= data.length);
    }
    if (data.length === 0) inflate.push(data, true);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new DamagedZip(`the entry "${name}" is corrupt`);
  }
  if (!ended) throw new DamagedZip(`the entry "${name}" is cut short`);
  return size;
}

/**
 * Finds `<!DOCTYPE` in an entry's bytes as they stream by. Excel never writes a DTD; one in an
 * XLSX part can only be there for entity tricks (billion laughs, external entities / XXE). SheetJS
 * does not expand entities today, but the file is refused before any parser sees it.
 */
class DoctypeScan {
  private tail = "";
  constructor(readonly name: string) {}

  /** True when the bytes so far contain a DTD. */
  push(chunk: Uint8Array): boolean {
    if (!/\.(xml|rels|vml)$/i.test(this.name)) return false;
    const text = this.tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("latin1");
    if (text.includes("<!DOCTYPE") || text.includes("<!ENTITY")) return true;
    this.tail = text.slice(-8);
    return false;
  }
}

function doctypeRefused(name: string): ImportFileError {
  return new ImportFileError(
    "xml_doctype",
    `This XLSX file was not opened: its part "${name}" declares a DTD (<!DOCTYPE …>). Excel never writes one, and it can hide entity attacks. Open the file in Excel and save it again, or export it again from your SIS.`,
  );
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;

/**
 * The entries of a zip from its central directory, without inflating anything. The End Of
 * Central Directory record is the last `PK\x05\x06` in the file (the one SheetJS uses).
 * ZIP64 archives (sentinel counts/offsets in the EOCD) are refused; a ZIP64 extra field in an
 * entry is read. Each entry's uncompressed size is the largest any of its fields claims, read
 * both per the spec and the way SheetJS reads it, so the two can never disagree in our favour.
 */
function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findLastSignature(bytes, EOCD_SIGNATURE, 22 + 0xffff + 4);
  if (eocd < 0 || eocd + 22 > bytes.length) throw new DamagedZip("the end of the file is missing");
  const commentLength = view.getUint16(eocd + 20, true);
  if (eocd + 22 + commentLength > bytes.length) throw new DamagedZip("the end of the file is missing");
  const disk = view.getUint16(eocd + 4, true);
  const directoryDisk = view.getUint16(eocd + 6, true);
  const diskEntries = view.getUint16(eocd + 8, true);
  const entryCount = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw new DamagedZip("it uses the ZIP64 format, which is not supported");
  }
  if (disk !== 0 || directoryDisk !== 0 || diskEntries !== entryCount) {
    throw new DamagedZip("it is split across several files");
  }
  const directoryEnd = directoryOffset + directorySize;
  if (directoryEnd > eocd) throw new DamagedZip("its table of contents is cut short");

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > directoryEnd || view.getUint32(at, true) !== CENTRAL_HEADER_SIGNATURE) {
      throw new DamagedZip("its table of contents is damaged");
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const next = at + 46 + nameLength + extraLength + commentLen;
    if (next > directoryEnd) throw new DamagedZip("its table of contents is damaged");
    const flags = view.getUint16(at + 8, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = new TextDecoder(flags & 0x800 ? "utf-8" : "windows-1252").decode(nameBytes);
    const sizes = entrySizes(view, at, at + 46 + nameLength, extraLength);
    const localHeaderOffset = view.getUint32(at + 42, true);
    if (localHeaderOffset === 0xffffffff || localHeaderOffset >= directoryOffset) {
      throw new DamagedZip(`the entry "${name}" is misplaced`);
    }
    entries.push({ name, flags, method: view.getUint16(at + 10, true), ...sizes, localHeaderOffset });
    at = next;
  }
  return entries;
}

/** Compressed and (largest claimed) uncompressed size of a central directory entry. */
function entrySizes(
  view: DataView,
  header: number,
  extraStart: number,
  extraLength: number,
): { compressedSize: number; uncompressedSize: number } {
  let compressedSize = view.getUint32(header + 20, true);
  const size32 = view.getUint32(header + 24, true);
  const claims = size32 === 0xffffffff ? [] : [size32];
  const extraEnd = extraStart + extraLength;
  for (let at = extraStart; at + 4 <= extraEnd;) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    const data = at + 4;
    if (data + length > extraEnd) throw new DamagedZip("its table of contents is damaged");
    if (id === 0x0001) {
      // Spec: only the fields whose 32-bit value is 0xFFFFFFFF, uncompressed size first.
      let field = data;
      if (size32 === 0xffffffff && field + 8 <= data + length) {
        claims.push(readUint64(view, field));
        field += 8;
      }
      if (compressedSize === 0xffffffff && field + 8 <= data + length) compressedSize = readUint64(view, field);
      // SheetJS: always the first 8 bytes as the uncompressed size.
      if (length >= 8) claims.push(readUint64(view, data));
    }
    at = data + length;
  }
  if (claims.length === 0 || compressedSize === 0xffffffff) {
    throw new DamagedZip("its table of contents is damaged (a ZIP64 size is missing)");
  }
  return { compressedSize, uncompressedSize: Math.max(...claims) };
}

function readUint64(view: DataView, at: number): number {
  return view.getUint32(at + 4, true) * 2 ** 32 + view.getUint32(at, true);
}

/** Position of the last occurrence of a little-endian 32-bit signature within the last `window` bytes. */
function findLastSignature(bytes: Uint8Array, signature: number, window: number): number {
  const b0 = signature & 0xff;
  const b1 = (signature >>> 8) & 0xff;
  const b2 = (signature >>> 16) & 0xff;
  const b3 = signature >>> 24;
  const stop = Math.max(0, bytes.length - window);
  for (let i = bytes.length - 4; i >= stop; i--) {
    if (bytes[i] === b0 && bytes[i + 1] === b1 && bytes[i + 2] === b2 && bytes[i + 3] === b3) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell === "");
}

function emptyFile(): ImportFileError {
  return new ImportFileError(
    "empty_file",
    "The file is empty: it has no header row and no data. Export the roster again from your SIS.",
  );
}

function binaryData(what?: string): ImportFileError {
  return new ImportFileError(
    "not_a_roster_file",
    `This file is not a CSV, TSV, XLS or XLSX file (it looks like ${what ?? "binary data"}). Export the roster from your SIS as CSV or XLSX and upload that file.`,
  );
}

/** ImportFileError details without the keys that have no value. */
function details(where: ImportFileError["details"]): ImportFileError["details"] {
  return Object.fromEntries(Object.entries(where).filter(([, value]) => value !== undefined));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 10485760 → "10,485,760". */
function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
