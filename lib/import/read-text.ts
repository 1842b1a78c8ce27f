// Text files (CSV, semicolon CSV, TSV): decoding, sniffing the delimiter, and streaming rows
// with papaparse. Every problem is an ImportFileError naming the row and column.

import Papa from "papaparse";
import { isUtf8Source, readRange, readWhole, type ImportBytes } from "./byte-source";
import { checkHeader, details, emptyFile, isBlank, RowCounter, startsWith, textLocator } from "./read-limits";
import { PIECE_BYTES, sourcePieces } from "./text-pieces";
import { ImportFileError, ROWS_PER_TURN, type ReadLimits, type RowTable } from "./types";

type TextEncoding = NonNullable<RowTable["encoding"]>;
type Delimiter = NonNullable<RowTable["delimiter"]>;

/** How much of a text file is inspected to tell text from binary data. */
const SNIFF_BYTES = 8192;

/**
 * Reads a text file: bytes in memory, or a file on disk (byte-source.ts), which is then read a
 * piece at a time and never held whole.
 */
export function readText(source: ImportBytes, limits: ReadLimits, pieceBytes = PIECE_BYTES): RowTable {
  const size = source.byteLength;
  const opened = openText(source, pieceBytes);
  const { encoding, head } = opened;
  // \s covers the BOM (U+FEFF) too; a regex stops at the first non-blank character.
  if (!/\S/.test(head) && !(opened.decode && /\S/.test(opened.decode(readWhole(source), 0)))) throw emptyFile();
  refuseNonRosterText(head);
  const { delimiter, newline } = sniffHeaderLine(head);
  const parseConfig = { delimiter, newline, header: false, skipEmptyLines: false, quoteChar: '"' } as const;

  // A large file is cut into pieces that each end where a record ends (text-pieces.ts); the
  // header is the first record. Without a line break after the header it is read whole.
  let piecesFrom: number | null = null;
  let headerText = opened.text;
  if (opened.decode && newline) {
    const headerPiece = sourcePieces(source, 0, delimiter, newline, 0).next().value;
    if (headerPiece && headerPiece.end < size) {
      headerText = opened.decode(headerPiece.bytes, 0);
      piecesFrom = headerPiece.end + newline.length;
    }
  }
  const text = headerText ?? opened.decode!(readWhole(source), 0);
  const first = Papa.parse<string[]>(text, { ...parseConfig, preview: 1 });
  const rawHeader = first.data[0] ?? [];
  if (first.errors[0]) throw quoteError(text, 0, first.errors[0], rawHeader, 1, [], delimiter);
  const header = rawHeader.map(ownCell);
  if (isBlank(header)) {
    throw new ImportFileError(
      "no_header_row",
      'Row 1 is blank. The first row of the file must be the header with the column names (such as "Student ID").',
      { row: 1 },
    );
  }
  const where = textLocator(header);
  checkHeader(header, 1, limits, where);

  /** The texts to parse: the whole text (its header included), or each piece after the header. */
  function* texts(): Generator<{ text: string; done: number; header: boolean }> {
    if (piecesFrom === null || !newline) {
      yield { text, done: 1, header: true };
      return;
    }
    for (const piece of sourcePieces(source, piecesFrom, delimiter, newline, pieceBytes))
      yield { text: opened.decode!(piece.bytes, piece.start), done: piece.end / size, header: false };
  }

  return {
    format: "csv",
    encoding,
    delimiter,
    headerRow: 1,
    header,
    eachRow(onRow) {
      const step = textStepper(onRow);
      for (const piece of texts()) {
        step.start(piece.text, piece.header);
        Papa.parse<string[]>(piece.text, { ...parseConfig, step: (result) => step.record(result) });
      }
    },
    async eachRowAsync(onRow, onProgress) {
      const step = textStepper(onRow);
      let records = 0;
      let before = 0;
      for (const piece of texts()) {
        step.start(piece.text, piece.header);
        const share = piece.done - before;
        await new Promise<void>((resolve, reject) => {
          let failed = false;
          Papa.parse<string[]>(piece.text, {
            ...parseConfig,
            step(result, parser) {
              if (failed) return;
              try {
                step.record(result);
              } catch (error) {
                failed = true;
                parser.abort();
                reject(error);
                return;
              }
              records += 1;
              if (records % ROWS_PER_TURN === 0) {
                parser.pause();
                onProgress?.(before + (share * result.meta.cursor) / piece.text.length);
                setImmediate(() => parser.resume());
              }
            },
            complete: () => {
              if (!failed) resolve();
            },
          });
        });
        before = piece.done;
      }
    },
  };

  /** Handles papaparse's records one by one: skips the header and blank rows, checks limits. */
  function textStepper(onRow: (cells: string[], row: number) => void) {
    const rows = new RowCounter(limits, where);
    let record = 1; // the header; papaparse yields one record per row, blank lines included
    let recordStart = 0;
    let text = "";
    let skipHeader = false;
    return {
      /** A text to parse next; `withHeader` when it starts with the header. */
      start(next: string, withHeader: boolean) {
        text = next;
        recordStart = 0;
        skipHeader = withHeader;
      },
      record(result: Papa.ParseStepResult<string[]>) {
        const start = recordStart;
        recordStart = result.meta.cursor;
        if (skipHeader) {
          skipHeader = false;
          return;
        }
        record += 1;
        if (result.errors[0]) throw quoteError(text, start, result.errors[0], result.data, record, header, delimiter);
        const cells = result.data.map(ownCell);
        if (isBlank(cells)) return;
        rows.check(cells, record);
        onRow(cells, record);
      },
    };
  }
}

/**
 * A trimmed cell that does not keep the text it was cut from alive: V8 cuts a substring of 13 or
 * more characters as a view of its parent, so one kept name would hold the whole decoded file
 * (or piece) in memory for as long as the import runs. Shorter strings are copies already.
 */
function ownCell(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length < 13 ? trimmed : (" " + trimmed).slice(1);
}

/** A decoded text file: its encoding, its first characters, and the text whole or by byte range. */
type OpenedText = {
  encoding: TextEncoding;
  /** The first 64 KB or so (the whole text when `text` is set): enough to sniff and check. */
  head: string;
} & (
  | { text: string; decode: null }
  /** `bytes` are the file's bytes from offset `start` on. */
  | { text: null; decode: (bytes: Uint8Array, start: number) => string }
);

/** How much of a file cut into pieces is decoded first, to sniff its delimiter and check it. */
const HEAD_BYTES = 65_536;

/**
 * Decodes text: a BOM says UTF-8 / UTF-16LE / UTF-16BE; without one, UTF-16 is recognised by its
 * zero bytes, then strict UTF-8 is tried and Windows-1252 is the fallback. Binary data is refused.
 * A UTF-8 or Windows-1252 file over two pieces (text-pieces.ts) is decoded by byte range later.
 */
function openText(source: ImportBytes, pieceBytes: number): OpenedText {
  const first = readRange(source, 0, Math.max(SNIFF_BYTES, HEAD_BYTES));
  refuseKnownBinary(first);
  let encoding: TextEncoding | null = null;
  if (first[0] === 0xff && first[1] === 0xfe) encoding = "utf-16le";
  else if (first[0] === 0xfe && first[1] === 0xff) encoding = "utf-16be";
  else encoding = guessBomlessUtf16(first);

  let decode: (bytes: Uint8Array, start: number) => string;
  if (encoding) {
    const text = new TextDecoder(encoding).decode(readWhole(source)); // drops the BOM
    if (looksBinary(text)) throw binaryData();
    return { encoding, head: text, text, decode: null };
  }
  if (first.subarray(0, SNIFF_BYTES).includes(0)) throw binaryData();
  if (isUtf8Source(source)) {
    encoding = "utf-8";
    // The BOM is dropped at the start only: a piece's first character is kept whatever it is.
    decode = (bytes, start) => new TextDecoder("utf-8", { ignoreBOM: start > 0 }).decode(bytes);
  } else {
    const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
    encoding = "windows-1252";
    decode = (bytes, start) => decodeWindows1252(start === 0 ? bytes.subarray(bom) : bytes);
  }
  if (source.byteLength <= 2 * pieceBytes) {
    const text = decode(readWhole(source), 0);
    if (looksBinary(text)) throw binaryData();
    return { encoding, head: text, text, decode: null };
  }
  // Cut the head at an ASCII byte, never inside a character.
  let headEnd = Math.min(first.length, HEAD_BYTES);
  while (headEnd > 0 && first[headEnd - 1]! >= 0x80) headEnd -= 1;
  const head = decode(first.subarray(0, headEnd), 0);
  if (looksBinary(head)) throw binaryData();
  return { encoding, head, text: null, decode };
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

function binaryData(what?: string): ImportFileError {
  return new ImportFileError(
    "not_a_roster_file",
    `This file is not a CSV, TSV, XLS or XLSX file (it looks like ${what ?? "binary data"}). Export the roster from your SIS as CSV or XLSX and upload that file.`,
  );
}
