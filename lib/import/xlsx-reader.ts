// The XLSX reader: a workbook's sheets as rows of cell text, read from the sheet XML as it is
// inflated (archive-guard.ts `xlsxParts`), one row at a time, so neither the XML nor a cell object
// per cell is ever held whole. Each cell reads as SheetJS (`XLSX.read` + read-spreadsheet.ts's
// cellText) reads it, which xlsx-reader.test.ts checks on fixtures and generated workbooks:
// shared and inline strings (rich-text runs joined, phonetic runs left out), numbers formatted
// with SheetJS's own `SSF.format` and the cell's number format from styles.xml, dates, booleans,
// errors, cached formula values.
//
// Why hand-written (measured on the bench's 92 MB of sheet XML, docs/performance.md "XLSX
// reading"): SheetJS builds the whole workbook, a cell object per cell (2.16 million: 7.5 s of
// CPU, 560 MB). Of the streaming parsers on npm, saxes and htmlparser2 took 2.3 s and 1.9 s of CPU
// only to tokenize the XML, already inflated (their callbacks per tag, attribute and text), about
// what this whole reader takes with inflating and formatting; exceljs's streaming reader took
// 6.2 s and formats no cell as the spreadsheet displays it. A sheet needs a few indexOf calls.
// What it does not model it leaves to SheetJS (`openXlsx` returns null): a workbook without
// [Content_Types].xml, a binary workbook (.xlsb), a sheet without its relationship. Rows out of
// order, which SheetJS sorts and a stream cannot, are refused (Excel calls such a file damaged).
//
// Deliberate differences from SheetJS, in files Excel does not write: a numeric character
// reference above U+FFFF (`&#128512;`) is read whole, upper-case named entities (`&AMP;`) as their
// character, and a formula's string result is unescaped once (SheetJS unescapes it twice).

import * as XLSX from "@e965/xlsx";
import { xlsxParts, type XlsxPart } from "./archive-guard";
import { usedWidth } from "./read-limits";
import { ImportFileError } from "./types";

/** A non-blank row: its spreadsheet row number (1-based) and its cells from the first column. */
export type SheetRow = { row: number; cells: string[] };

/** A sheet read a row at a time: `firstNonBlankRow` first, then `rowsAfter` that row. */
export interface SheetRows {
  readonly firstColumn: number;
  readonly lastRow: number;
  firstNonBlankRow(): SheetRow | null;
  rowsAfter(row: number): Generator<SheetRow>;
}

export type XlsxSheet = { name: string; rows: SheetRows | null };

/** The workbook's sheets in order, or null when it is outside what this reader models. */
export function openXlsx(bytes: Uint8Array): XlsxSheet[] | null {
  const parts = xlsxParts(bytes);
  const part = (path: string) => parts.get(path.replace(/^\//, "").toLowerCase());
  const types = part("[Content_Types].xml");
  if (!types) return null;
  const contentTypes = readContentTypes(wholeText(types));
  if (!contentTypes) return null;
  const workbookPath = contentTypes.workbook ?? (part("xl/workbook.xml") ? "xl/workbook.xml" : null);
  if (!workbookPath || !/\.xml$/i.test(workbookPath)) return null;
  const workbookPart = part(workbookPath);
  if (!workbookPart) return null;
  const workbook = readWorkbook(wholeText(workbookPart));
  const relsPath = workbookPath.replace(/^\/?(.*\/)?([^/]*)$/, "$1_rels/$2.rels");
  const relsPart = part(relsPath) ?? part("xl/_rels/workbook.xml.rels");
  const rels = relsPart ? readRelationships(wholeText(relsPart)) : null;
  if (!rels) return null;
  const stylesPart = contentTypes.styles ? part(contentTypes.styles) : undefined;
  const formats = stylesPart ? readNumberFormats(wholeText(stylesPart)) : [];
  const sharedPart = contentTypes.sharedStrings ? part(contentTypes.sharedStrings) : undefined;
  const shared = sharedPart ? readSharedStrings(sharedPart) : [];
  const context: SheetContext = { shared, formats, date1904: workbook.date1904 };
  const sheets: XlsxSheet[] = [];
  for (const { name, id } of workbook.sheets) {
    const rel = id === undefined ? undefined : rels.get(id);
    if (!rel) return null;
    if (!WORKSHEET_TYPES.has(rel.type)) {
      // A chart, dialog or macro sheet: no cells (SheetJS reads none from them either).
      sheets.push({ name, rows: null });
      continue;
    }
    const target = rel.target;
    const sheetPart =
      part("xl/" + target.replace(/[/]?xl\//, "")) ?? part(target) ?? part(relsPath.replace(/_rels\/.*$/, "") + target);
    sheets.push({ name, rows: sheetPart ? new StreamedSheet(sheetPart, context) : null });
  }
  return sheets;
}

const WORKSHEET_TYPES = new Set([
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  "http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet",
]);

const WORKBOOK_TYPES = new Set([
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  "application/vnd.ms-excel.sheet.binary.macroEnabled.main",
  "application/vnd.ms-excel.addin.macroEnabled.main+xml",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
]);
const SHARED_STRINGS_TYPES = new Set([
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
  "application/vnd.ms-excel.sharedStrings",
]);
const STYLES_TYPES = new Set([
  "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  "application/vnd.ms-excel.styles",
]);

// ---------------------------------------------------------------------------------------------
// Reading parts as text

function* textPieces(part: XlsxPart): Generator<string> {
  let decoder: TextDecoder | null = null;
  for (const chunk of part.chunks()) {
    if (!decoder) {
      const label =
        chunk[0] === 0xff && chunk[1] === 0xfe
          ? "utf-16le"
          : chunk[0] === 0xfe && chunk[1] === 0xff
            ? "utf-16be"
            : "utf-8";
      decoder = new TextDecoder(label);
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder?.decode() ?? "";
  if (rest) yield rest;
}

function wholeText(part: XlsxPart): string {
  let text = "";
  for (const piece of textPieces(part)) text += piece;
  return text;
}

/**
 * The part's text in pieces that each end just after a closing tag `</name>` (with the part's
 * namespace prefix, if any), so every element `name` is whole in one piece; the last piece is the rest.
 */
function* wholeElements(part: XlsxPart, name: string, root: string): Generator<string> {
  let carry = "";
  let close: string | null = null;
  for (const piece of textPieces(part)) {
    const text = carry + piece;
    if (close === null) {
      const match = new RegExp(`<(\\w+:)?${root}[\\s>/]`).exec(text);
      if (!match) {
        carry = text;
        continue;
      }
      close = `</${match[1] ?? ""}${name}>`;
    }
    const at = text.lastIndexOf(close);
    if (at < 0) {
      carry = text;
      continue;
    }
    const end = at + close.length;
    yield text.slice(0, end);
    carry = text.slice(end);
  }
  if (carry) yield carry;
}

// ---------------------------------------------------------------------------------------------
// XML text

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", gt: ">", lt: "<", amp: "&" };
const ENTITY = /&(?:(quot|apos|gt|lt|amp)|#(x?)([\da-f]+));/gi;
const ESCAPED_CHARACTER = /_x([\da-f]{4})_/gi;

/**
 * XML text as its characters (SheetJS's unescapexml): entities and character references, then
 * OOXML's `_xHHHH_` escapes; CDATA sections as written. `lines`: CR LF becomes LF (cell text).
 */
function unescapeXml(text: string, lines: boolean): string {
  const cdata = text.indexOf("<![CDATA[");
  if (cdata >= 0) {
    const end = text.indexOf("]]>", cdata);
    const after = end < 0 ? "" : text.slice(end + 3);
    return (
      unescapeXml(text.slice(0, cdata), lines) +
      text.slice(cdata + 9, end < 0 ? undefined : end) +
      unescapeXml(after, lines)
    );
  }
  let out = text;
  if (out.indexOf("&") >= 0) {
    out = out.replace(ENTITY, (whole: string, named: string | undefined, hex: string, digits: string) => {
      if (named) return ENTITIES[named.toLowerCase()]!;
      const code = parseInt(digits, hex ? 16 : 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }
  if (out.indexOf("_") >= 0)
    out = out.replace(ESCAPED_CHARACTER, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
  if (lines && out.indexOf("\r\n") >= 0) out = out.replace(/\r\n/g, "\n");
  return out;
}

/** An attribute's value (unescaped) from a tag's text, or undefined. Prefixed names match too. */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`[\\s:]${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  if (!match) return undefined;
  return unescapeXml(match[1] ?? match[2] ?? "", false);
}

/** Every start tag `<name …>` (any prefix) in the text, as its text. */
function startTags(text: string, name: string): string[] {
  return text.match(new RegExp(`<(?:\\w+:)?${name}\\b[^<>]*>`, "g")) ?? [];
}

/** The first `<name …>…</name>` (any prefix) in the text: its content, or null. */
function elementContent(text: string, name: string): string | null {
  const open = new RegExp(`<(?:\\w+:)?${name}\\b[^<>]*>`, "g");
  const match = open.exec(text);
  if (!match) return null;
  const close = new RegExp(`</(?:\\w+:)?${name}>`, "g");
  close.lastIndex = open.lastIndex;
  const end = close.exec(text);
  return end ? text.slice(open.lastIndex, end.index) : null;
}

function withoutComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, "");
}

// ---------------------------------------------------------------------------------------------
// Workbook parts

const CONTENT_TYPES_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/content-types";

function readContentTypes(
  text: string,
): { workbook: string | null; sharedStrings: string | null; styles: string | null } | null {
  const root = /<(?:(\w+):)?Types\b[^<>]*>/.exec(text);
  if (!root || attribute(root[0], root[1] ? `xmlns:${root[1]}` : "xmlns") !== CONTENT_TYPES_NAMESPACE) return null;
  let workbook: string | null = null;
  let sharedStrings: string | null = null;
  let styles: string | null = null;
  for (const tag of startTags(text, "Override")) {
    const type = attribute(tag, "ContentType") ?? "";
    const partName = attribute(tag, "PartName") ?? "";
    if (WORKBOOK_TYPES.has(type)) workbook ??= partName;
    else if (SHARED_STRINGS_TYPES.has(type)) sharedStrings ??= partName;
    else if (STYLES_TYPES.has(type)) styles ??= partName;
  }
  return { workbook, sharedStrings, styles };
}

function readWorkbook(text: string): { sheets: Array<{ name: string; id: string | undefined }>; date1904: boolean } {
  const clean = withoutComments(text);
  const properties = startTags(clean, "workbookPr")[0];
  const date1904 = properties ? xmlBoolean(attribute(properties, "date1904")) : false;
  const sheets = startTags(clean, "sheet").map((tag) => ({
    name: attribute(tag, "name") ?? "",
    id: attribute(tag, "id"),
  }));
  return { sheets, date1904 };
}

function readRelationships(text: string): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  for (const tag of startTags(text, "Relationship")) {
    const id = attribute(tag, "Id");
    if (id !== undefined) rels.set(id, { type: attribute(tag, "Type") ?? "", target: attribute(tag, "Target") ?? "" });
  }
  return rels;
}

function xmlBoolean(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

/**
 * The number format of each cell style (cellXfs, by the cell's `s`): the workbook's own
 * (numFmts) or a built-in one, as SheetJS resolves a format id.
 */
function readNumberFormats(text: string): string[] {
  const clean = withoutComments(text);
  const custom = new Map<number, string>();
  const numFmts = elementContent(clean, "numFmts");
  if (numFmts) {
    for (const tag of startTags(numFmts, "numFmt")) {
      const id = parseInt(attribute(tag, "numFmtId") ?? "", 10);
      if (id > 0) custom.set(id, attribute(tag, "formatCode") ?? "");
    }
  }
  const cellXfs = elementContent(clean, "cellXfs");
  if (cellXfs === null) return [];
  return startTags(cellXfs, "xf").map((tag) => {
    const id = parseInt(attribute(tag, "numFmtId") ?? "0", 10) || 0;
    if (id === 0) return GENERAL;
    return custom.get(id) ?? BUILT_IN_FORMATS[id] ?? IMPLICIT_FORMATS[id] ?? "General";
  });
}

/** The shared strings table, read a `<si>` at a time. */
function readSharedStrings(part: XlsxPart): string[] {
  const strings: string[] = [];
  for (const piece of wholeElements(part, "si", "sst")) {
    let at = 0;
    for (;;) {
      const open = nextTag(piece, at, "si");
      if (!open) break;
      if (open.selfClosing) {
        strings.push("");
        at = open.end;
        continue;
      }
      const { text, end } = richText(piece, open.end, "si");
      strings.push(text ?? "");
      at = end;
    }
  }
  return strings;
}

// ---------------------------------------------------------------------------------------------
// Tags

type Tag = { start: number; end: number; nameStart: number; nameEnd: number; closing: boolean; selfClosing: boolean };

const newTag = (): Tag => ({ start: 0, end: 0, nameStart: 0, nameEnd: 0, closing: false, selfClosing: false });

/**
 * The next tag at or after `from` (comments and processing instructions skipped), or null;
 * written into `into` (a loop over a sheet's millions of tags reuses one).
 */
function tagAt(text: string, from: number, into: Tag = newTag()): Tag | null {
  let lt = text.indexOf("<", from);
  while (lt >= 0) {
    const next = text.charCodeAt(lt + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      if (text.startsWith("<!--", lt)) {
        const end = text.indexOf("-->", lt + 4);
        if (end < 0) return null;
        lt = text.indexOf("<", end + 3);
      } else if (text.startsWith("<![CDATA[", lt)) {
        const end = text.indexOf("]]>", lt + 9);
        if (end < 0) return null;
        lt = text.indexOf("<", end + 3);
      } else {
        const end = text.indexOf(">", lt);
        if (end < 0) return null;
        lt = text.indexOf("<", end + 1);
      }
      continue;
    }
    const closing = next === 47; /* / */
    let nameStart = closing ? lt + 2 : lt + 1;
    let i = nameStart;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 58 /* : */) nameStart = i + 1;
      else if (c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13 || Number.isNaN(c)) break;
      i++;
    }
    const gt = text.indexOf(">", i);
    if (gt < 0) return null;
    into.start = lt;
    into.end = gt + 1;
    into.nameStart = nameStart;
    into.nameEnd = i;
    into.closing = closing;
    into.selfClosing = text.charCodeAt(gt - 1) === 47;
    return into;
  }
  return null;
}

function isNamed(text: string, tag: Tag, name: string): boolean {
  return tag.nameEnd - tag.nameStart === name.length && text.startsWith(name, tag.nameStart);
}

/** The next start tag named `name` at or after `from`. */
function nextTag(text: string, from: number, name: string): Tag | null {
  for (let tag = tagAt(text, from); tag; tag = tagAt(text, tag.end)) {
    if (!tag.closing && isNamed(text, tag, name)) return tag;
  }
  return null;
}

/** The raw text from `from` to the next closing tag (CDATA included). */
function rawText(text: string, from: number): string {
  const end = text.indexOf("</", from);
  return text.slice(from, end < 0 ? text.length : end);
}

/**
 * A string item's text (`<si>`, `<is>`) from its content at `from` to its closing tag `</close>`,
 * as SheetJS's parse_si: a plain `<t>` first is the text; else the `<t>` of its rich-text runs
 * `<r>`, joined, phonetic runs (`<rPh>`) left out; else no text. `end`: after the closing tag.
 */
function richText(text: string, from: number, close: string): { text: string | undefined; end: number } {
  let first = true;
  let plain: string | undefined;
  let runs = "";
  let hasRun = false;
  let phonetic = false;
  let at = from;
  for (let tag = tagAt(text, at); tag; tag = tagAt(text, at)) {
    at = tag.end;
    if (tag.closing) {
      if (isNamed(text, tag, close)) break;
      if (isNamed(text, tag, "rPh")) phonetic = false;
      continue;
    }
    const isText = isNamed(text, tag, "t");
    if (first) {
      first = false;
      if (isText) {
        plain = tag.selfClosing ? "" : unescapeXml(rawText(text, tag.end), true);
        continue;
      }
    }
    if (plain !== undefined) continue;
    if (isNamed(text, tag, "r")) hasRun = true;
    else if (isNamed(text, tag, "rPh") && !tag.selfClosing) phonetic = true;
    else if (isText && !phonetic && !tag.selfClosing) runs += rawText(text, tag.end);
  }
  return { text: plain ?? (hasRun ? unescapeXml(runs, true) : undefined), end: at };
}

// ---------------------------------------------------------------------------------------------
// Sheets

type SheetContext = { shared: string[]; formats: string[]; date1904: boolean };
type Range = { firstRow: number; lastRow: number; firstColumn: number; lastColumn: number };

/**
 * A worksheet read as it inflates. Its range is the `<dimension>` SheetJS would take (`A1:D9`;
 * a single cell `A1` does not count); without one, a first pass over the sheet finds it as SheetJS
 * does (rows with any cell, columns with a value).
 */
class StreamedSheet implements SheetRows {
  private range: Range | null | undefined;
  private rows: Generator<SheetRow> | null = null;
  private firstFound: SheetRow | null | undefined;

  constructor(
    private readonly part: XlsxPart,
    private readonly context: SheetContext,
  ) {}

  get firstColumn(): number {
    return this.sheetRange()?.firstColumn ?? 0;
  }

  get lastRow(): number {
    return this.sheetRange()?.lastRow ?? 0;
  }

  firstNonBlankRow(): SheetRow | null {
    if (this.firstFound !== undefined) return this.firstFound;
    const range = this.sheetRange();
    if (!range) return (this.firstFound = null);
    this.rows = sheetRows(this.part, this.context, range);
    const next = this.rows.next();
    return (this.firstFound = next.done ? null : next.value);
  }

  /** The rows after the first: the stream that found it, then a new one from the top for each next walk. */
  *rowsAfter(row: number): Generator<SheetRow> {
    const first = this.firstNonBlankRow();
    if (!first || first.row !== row) throw new Error("rowsAfter: only after the first non-blank row");
    const walk = this.rows ?? sheetRows(this.part, this.context, this.sheetRange()!);
    this.rows = null;
    for (const next of walk) if (next.row > row) yield next;
  }

  private sheetRange(): Range | null {
    if (this.range === undefined) this.range = declaredRange(this.part) ?? scannedRange(this.part, this.context);
    return this.range;
  }
}

/** The range of the sheet's `<dimension ref="A1:D9">`, as SheetJS reads it, or null. */
function declaredRange(part: XlsxPart): Range | null {
  let head = "";
  for (const piece of textPieces(part)) {
    head += piece;
    const data = /<(?:\w+:)?sheetData[\s>/]/.exec(head);
    if (data || head.length > 1_000_000) {
      head = data ? head.slice(0, data.index) : head;
      break;
    }
  }
  const at = head.search(/<(?:\w*:)?dimension/);
  if (at <= 0) return null;
  const ref = /"(\w*:\w*)"/.exec(head.slice(at, at + 50));
  if (!ref) return null;
  const [start, end] = ref[1]!.split(":").map(cellAddress) as [Address, Address];
  if (start.row > end.row || start.column > end.column || start.row < 0 || start.column < 0) return null;
  return { firstRow: start.row + 1, lastRow: end.row + 1, firstColumn: start.column, lastColumn: end.column };
}

type Address = { row: number; column: number };

/** "B12" → row 11, column 1 (0-based), like SheetJS's decode_cell. */
function cellAddress(ref: string): Address {
  let column = 0;
  let row = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) column = column * 26 + (c - 64);
    else if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
  }
  return { row: row - 1, column: column - 1 };
}

/** Without a usable `<dimension>`: the range SheetJS guesses from the cells (a first pass). */
function scannedRange(part: XlsxPart, context: SheetContext): Range | null {
  const extent = { firstRow: Infinity, lastRow: -1, firstColumn: Infinity, lastColumn: -1 };
  const all: Range = { firstRow: 1, lastRow: Infinity, firstColumn: 0, lastColumn: Infinity };
  for (const _ of sheetRows(part, context, all, extent)) void _;
  if (extent.lastColumn < extent.firstColumn || extent.lastRow < extent.firstRow) return null;
  return {
    firstRow: Math.min(extent.firstRow, 2_000_000) + 1,
    lastRow: Math.max(extent.lastRow, 0) + 1,
    firstColumn: Math.min(extent.firstColumn, 2_000_000),
    lastColumn: Math.max(extent.lastColumn, 0),
  };
}

/**
 * The non-blank rows of a sheet inside `range`, in order, as read-spreadsheet.ts's SheetGrid
 * gives them: cells from the range's first column, trimmed, without trailing empty cells.
 * `extent` (0-based), when given, collects the rows and columns SheetJS would guess a range from.
 */
function* sheetRows(part: XlsxPart, context: SheetContext, range: Range, extent?: Range): Generator<SheetRow> {
  const state: RowState = { rowNumber: 0, previous: 0 };
  let inData = false;
  const rows: SheetRow[] = [];
  for (const piece of wholeElements(part, "row", "worksheet")) {
    let at = 0;
    if (!inData) {
      const data = nextTag(piece, 0, "sheetData");
      if (!data) continue;
      if (data.selfClosing) return;
      inData = true;
      at = data.end;
    }
    rows.length = 0;
    const finished = readRows(piece, at, context, range, rows, state, extent);
    yield* rows;
    if (finished) return;
  }
}

/** Where the walk is, across pieces: the last `<row>`'s number and the last row given. */
type RowState = { rowNumber: number; previous: number };

/**
 * Reads the whole `<row>` elements of `text` from `at`, pushing the non-blank ones in `range` to
 * `out`. True when `</sheetData>` was reached.
 */
function readRows(
  text: string,
  at: number,
  { shared, formats, date1904 }: SheetContext,
  range: Range,
  out: SheetRow[],
  state: RowState,
  extent: Range | undefined,
): boolean {
  let cells: string[] | null = null;
  let column = -1;
  const outer = newTag();
  const inner = newTag();
  const attributes: CellAttributes = { column: -1, row: 0, style: -1, type: undefined };
  for (let tag = tagAt(text, at, outer); tag; tag = tagAt(text, at, outer)) {
    at = tag.end;
    if (tag.closing) {
      if (isNamed(text, tag, "row")) {
        if (cells) pushRow(out, state, cells, range);
        cells = null;
      } else if (isNamed(text, tag, "sheetData")) {
        return true;
      }
      continue;
    }
    if (isNamed(text, tag, "row")) {
      readCellAttributes(text, tag.nameEnd, tag.end, attributes);
      state.rowNumber = attributes.column === -1 && attributes.row === 0 ? state.rowNumber + 1 : attributes.row;
      column = -1;
      if (extent) {
        extent.firstRow = Math.min(extent.firstRow, state.rowNumber - 1);
        extent.lastRow = Math.max(extent.lastRow, state.rowNumber - 1);
      }
      cells = null;
      continue;
    }
    if (!isNamed(text, tag, "c")) continue;
    // A cell: where it is, its type and style, then its value and inline string.
    readCellAttributes(text, tag.nameEnd, tag.end, attributes);
    let cellRow = state.rowNumber;
    if (attributes.column >= 0) {
      column = attributes.column;
      cellRow = attributes.row;
    } else {
      column += 1;
    }
    const { type, style } = attributes;
    let value: string | undefined;
    let inline: string | undefined;
    let hasInline = false;
    if (!tag.selfClosing) {
      for (let child = tagAt(text, at, inner); child; child = tagAt(text, at, inner)) {
        at = child.end;
        if (child.closing) {
          if (isNamed(text, child, "c")) break;
          continue;
        }
        if (child.selfClosing) continue;
        if (isNamed(text, child, "v")) {
          if (value === undefined) {
            const raw = rawText(text, child.end);
            if (raw !== "") value = raw;
          }
        } else if (isNamed(text, child, "is")) {
          const read = richText(text, child.end, "is");
          if (!hasInline) inline = read.text;
          hasInline = true;
          at = read.end;
        } else if (isNamed(text, child, "f")) {
          const end = text.indexOf("</", child.end);
          if (end >= 0) at = end;
        }
      }
    }
    if (type === undefined && value === undefined) continue;
    if (extent) {
      extent.firstColumn = Math.min(extent.firstColumn, column);
      extent.lastColumn = Math.max(extent.lastColumn, column);
    }
    if (cellRow !== state.rowNumber) {
      // A cell that names another row than its <row>: Excel never writes one (SheetJS files it there).
      throw new ImportFileError(
        "unreadable_spreadsheet",
        `This XLSX file could not be read (its cell ${columnLetters(column)}${cellRow} is inside row ${state.rowNumber}). Open it in Excel and save it again as XLSX or CSV.`,
      );
    }
    if (column < range.firstColumn || column > range.lastColumn) continue;
    const format = style < 0 ? GENERAL : (formats[style] ?? GENERAL);
    cells ??= [];
    const index = column - range.firstColumn;
    while (cells.length < index) cells.push("");
    cells[index] = cellText(type, value, inline, hasInline, format, shared, date1904);
  }
  return false;
}

/** What a cell's start tag says: its address (column -1 without `r`), style (-1: none) and type. */
type CellAttributes = { column: number; row: number; style: number; type: string | undefined };

/** Reads a `<c …>` or `<row …>` tag's r, s and t in one pass over its text (from its name to `to`). */
function readCellAttributes(text: string, from: number, to: number, into: CellAttributes): void {
  into.column = -1;
  into.row = 0;
  into.style = -1;
  into.type = undefined;
  let i = from;
  for (;;) {
    let c = text.charCodeAt(i);
    while (isSpace(c)) c = text.charCodeAt(++i);
    if (i >= to || c === 62 /* > */ || c === 47 /* / */) return;
    let nameStart = i;
    while (c !== 61 /* = */ && !isSpace(c) && i < to) {
      if (c === 58 /* : */) nameStart = i + 1;
      c = text.charCodeAt(++i);
    }
    const nameEnd = i;
    while (isSpace(c)) c = text.charCodeAt(++i);
    if (c !== 61) return;
    c = text.charCodeAt(++i);
    while (isSpace(c)) c = text.charCodeAt(++i);
    if (c !== 34 && c !== 39) return;
    const start = i + 1;
    const close = text.indexOf(c === 34 ? '"' : "'", start);
    if (close < 0 || close >= to) return;
    if (nameEnd - nameStart === 1) {
      const name = text.charCodeAt(nameStart);
      if (name === 114 /* r */) {
        let column = 0;
        let row = 0;
        for (let k = start; k < close; k++) {
          const d = text.charCodeAt(k);
          if (d >= 65 && d <= 90) column = column * 26 + (d - 64);
          else if (d >= 48 && d <= 57) row = row * 10 + (d - 48);
        }
        into.row = row;
        into.column = column - 1;
      } else if (name === 115 /* s */) {
        let style = 0;
        for (let k = start; k < close; k++) style = style * 10 + (text.charCodeAt(k) - 48);
        into.style = close > start ? style : Number.NaN;
      } else if (name === 116 /* t */) {
        into.type = text.slice(start, close);
      }
    }
    i = close + 1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function columnLetters(column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function pushRow(out: SheetRow[], state: RowState, cells: string[], range: Range): void {
  const row = state.rowNumber;
  if (row < range.firstRow || row > range.lastRow) return;
  cells.length = usedWidth(cells);
  if (cells.length === 0) return;
  if (row <= state.previous) {
    throw new ImportFileError(
      "unreadable_spreadsheet",
      `This XLSX file could not be read (its row ${row} comes after row ${state.previous}). Open it in Excel and save it again as XLSX or CSV.`,
    );
  }
  state.previous = row;
  out.push({ row, cells });
}

// ---------------------------------------------------------------------------------------------
// Cell text

const GENERAL = "General";

/** SheetJS's table of built-in number formats (SSF_init_table), by id. */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "m/d/yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  56: '"上午/下午 "hh"時"mm"分"ss"秒 "',
};

/** The formats SheetJS gives the other ids Excel knows (SSFImplicit). */
const IMPLICIT_FORMATS: Record<number, string> = {
  5: '"$"#,##0_);\\("$"#,##0\\)',
  6: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  7: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  8: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  23: "General",
  24: "General",
  25: "General",
  26: "General",
  27: "m/d/yy",
  28: "m/d/yy",
  29: "m/d/yy",
  30: "m/d/yy",
  31: "m/d/yy",
  32: "h:mm:ss",
  33: "h:mm:ss",
  34: "h:mm:ss",
  35: "h:mm:ss",
  36: "m/d/yy",
  41: '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)',
  50: "m/d/yy",
  51: "m/d/yy",
  52: "m/d/yy",
  53: "m/d/yy",
  54: "m/d/yy",
  55: "m/d/yy",
  56: "m/d/yy",
  57: "m/d/yy",
  58: "m/d/yy",
  59: "0",
  60: "0.00",
  61: "#,##0",
  62: "#,##0.00",
  63: '"$"#,##0_);\\("$"#,##0\\)',
  64: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  65: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  66: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  67: "0%",
  68: "0.00%",
  69: "# ?/?",
  70: "# ??/??",
  71: "m/d/yy",
  72: "m/d/yy",
  73: "d-mmm-yy",
  74: "d-mmm",
  75: "mmm-yy",
  76: "h:mm",
  77: "h:mm:ss",
  78: "m/d/yy h:mm",
  79: "mm:ss",
  80: "[h]:mm:ss",
  81: "mmss.0",
};

/** A whole number General shows in scientific notation (a 12+ digit id) is given in full. */
const SCIENTIFIC = /^-?\d(\.\d+)?E\+\d+$/i;

/**
 * A cell's text as read-spreadsheet.ts's cellText gives SheetJS's cell: the formatted text `w`,
 * trimmed; "" for a cell SheetJS leaves out.
 */
function cellText(
  type: string | undefined,
  raw: string | undefined,
  inline: string | undefined,
  hasInline: boolean,
  format: string,
  shared: string[],
  date1904: boolean,
): string {
  switch (type ?? "n") {
    case "s": {
      if (raw === undefined) return "";
      const index = parseInt(numeral(raw), 10);
      const text = shared[index];
      if (text === undefined) {
        throw new ImportFileError(
          "unreadable_spreadsheet",
          `This XLSX file could not be read (a cell names shared string ${index}, which the workbook does not have). Open it in Excel and save it again as XLSX or CSV.`,
        );
      }
      return formatted(text, format, date1904).trim();
    }
    case "str":
      return formatted(raw === undefined ? "" : unescapeXml(raw, true), format, date1904).trim();
    case "inlineStr":
      if (!hasInline || inline === undefined) return "";
      return formatted(inline, format, date1904).trim();
    case "b":
      return formatted(raw !== undefined && xmlBoolean(unescapeXml(raw, false)), format, date1904).trim();
    case "e":
      return raw === undefined ? "" : unescapeXml(raw, false).trim();
    case "d": {
      if (raw === undefined) return "";
      return numberText(serialDate(unescapeXml(raw, false), date1904), format, date1904);
    }
    case "n":
      if (raw === undefined) return "";
      return numberText(parseFloat(numeral(raw)), format, date1904);
    default:
      return formatted(raw === undefined ? "" : unescapeXml(raw, false), format, date1904).trim();
  }
}

/** A number's text as written: almost always plain digits, which need no unescaping. */
function numeral(raw: string): string {
  const c = raw.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45 /* - */ ? raw : unescapeXml(raw, false);
}

function numberText(value: number, format: string, date1904: boolean): string {
  if (format === GENERAL && (value | 0) === value) return String(value);
  const text = formatted(value, format, date1904);
  if (Number.isSafeInteger(value) && SCIENTIFIC.test(text)) return String(value);
  return text.trim();
}

const DATE_1900 = { date1904: false };
const DATE_1904 = { date1904: true };

/** SSF.format, falling back as SheetJS does when a format cannot be applied. */
function formatted(value: string | number | boolean, format: string, date1904: boolean): string {
  if (format === GENERAL && typeof value === "string") return value;
  try {
    return XLSX.SSF.format(format, value, date1904 ? DATE_1904 : DATE_1900);
  } catch {
    try {
      return XLSX.SSF.format(0, value);
    } catch {
      return String(value);
    }
  }
}

/** An ISO date cell (`t="d"`) as a date serial number, as SheetJS's parseDate and datenum. */
function serialDate(text: string, date1904: boolean): number {
  const BASE = Date.UTC(1899, 11, 30);
  let time: number;
  let m = /^(\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text);
  if (m) {
    const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
    time =
      base +
      ((parseInt(m[1]!, 10) * 60 + parseInt(m[2]!, 10)) * 60 + (m[3] ? parseInt(m[3].slice(1), 10) : 0)) * 1000 +
      (m[4] ? parseInt((m[4] + "000").slice(1, 4), 10) : 0);
  } else if ((m = /^(\d+)-(\d+)-(\d+)$/.exec(text))) {
    time = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  } else if ((m = /^(\d+)-(\d+)-(\d+)[T ](\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text))) {
    time = Date.UTC(
      +m[1]!,
      +m[2]! - 1,
      +m[3]!,
      +m[4]!,
      +m[5]!,
      (m[6] && parseInt(m[6].slice(1), 10)) || 0,
      (m[7] && parseInt((m[7] + "0000").slice(1, 4), 10)) || 0,
    );
  } else {
    time = new Date(text).getTime();
  }
  const serial = (time - BASE) / 86_400_000;
  if (date1904) {
    const shifted = serial - 1462;
    return shifted < -1402 ? shifted - 1 : shifted;
  }
  return serial < 60 ? serial - 1 : serial;
}
