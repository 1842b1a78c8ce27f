// ZIP archives, opened safely: the XLSX guard (before SheetJS inflates anything) and the reader
// of .zip sets of CSV files (`unzipArchive`). Pure: no database.
//
// Why this is hand-written rather than a library: every zip library at hand (SheetJS's own
// reader, fflate's unzipSync, JSZip, adm-zip) trusts the sizes an archive declares and inflates
// whole entries into memory before a caller can say "stop"; none refuses overlapping entries
// (how a 42 KB file becomes petabytes), checks that the local header SheetJS reads agrees with
// the central directory, or says what is wrong in words an admin can act on. Only the
// directory and header parsing (~150 lines, below) is ours: inflation is fflate's streaming
// `Inflate`, stopped as soon as an entry exceeds what it claims or a limit.
//
// Over 400 lines on purpose: the directory parser and both guards share every check; split, the
// parser's internals (spans, DamagedZip) would have to be exported to code that should not use them.

import { Inflate } from "fflate";
import { formatBytes } from "@/lib/format";
import { formatCount, startsWith } from "./read-limits";
import { ImportFileError, type ReadLimits } from "./types";

/** The ratio limit only applies above this size: small, very repetitive archives are fine. */
const RATIO_CHECK_MIN_BYTES = 10 * 1024 * 1024;

type ZipEntry = {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  /** The largest uncompressed size any field of the entry claims (see readZipEntries). */
  uncompressedSize: number;
  localHeaderOffset: number;
};

/** A structural problem with the zip; becomes the kind's "damaged" error. */
class DamagedZip extends Error {
  constructor(
    message: string,
    readonly encrypted = false,
  ) {
    super(message);
  }
}

/** How messages name the archive and what they advise. */
type ArchiveKind = {
  /** "XLSX file" → "This XLSX file is damaged …". */
  label: string;
  damagedCode: string;
  damagedAdvice: string;
  encryptedAdvice: string;
  tooLargeAdvice: string;
};

const XLSX_ARCHIVE: ArchiveKind = {
  label: "XLSX file",
  damagedCode: "unreadable_spreadsheet",
  damagedAdvice: "Export it again from your SIS.",
  encryptedAdvice: "remove its password in Excel",
  tooLargeAdvice: "Export only the roster columns and sheets, or export it as CSV.",
};

const ZIP_ARCHIVE: ArchiveKind = {
  label: "ZIP file",
  damagedCode: "unreadable_archive",
  damagedAdvice: "Zip the files again, or export them again from your SIS.",
  encryptedAdvice: "zip the files again without a password",
  tooLargeAdvice: "Zip only the roster's CSV files, or upload them one by one.",
};

/** Reads the directory and proves it sound; a DamagedZip becomes the kind's clear error. */
function whenSound<T>(kind: ArchiveKind, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DamagedZip) {
      const reason = error.encrypted ? `${error.message}; ${kind.encryptedAdvice}` : error.message;
      throw new ImportFileError(
        kind.damagedCode,
        `This ${kind.label} is damaged or incomplete (${reason}). ${kind.damagedAdvice}`,
      );
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX

/**
 * Refuses an XLSX that is damaged, not a workbook, too large once expanded, or a zip bomb.
 * Reads only the zip's central directory and local headers, then inflates every entry with a
 * running count (discarding the output) to prove the declared sizes are true: SheetJS trusts
 * them and inflates every entry into memory.
 */
export function checkXlsxArchive(bytes: Uint8Array, limits: ReadLimits): void {
  const entries = whenSound(XLSX_ARCHIVE, () => readZipEntries(bytes));
  refuseNonWorkbookZip(entries);
  checkDeclaredSizes(XLSX_ARCHIVE, entries, limits);
  checkSheetData(entries, limits);
  whenSound(XLSX_ARCHIVE, () => {
    let total = 0;
    for (const span of soundSpans(XLSX_ARCHIVE, bytes, entries)) {
      total += inflateEntry(XLSX_ARCHIVE, bytes, span, false).size;
      if (total > limits.maxUncompressedBytes) {
        throw new ImportFileError(
          "archive_too_large",
          `This XLSX file would expand to more than ${formatBytes(limits.maxUncompressedBytes)} when opened. ${XLSX_ARCHIVE.tooLargeAdvice}`,
        );
      }
    }
  });
}

/** One part of an XLSX, inflated a piece at a time (xlsx-reader.ts reads the sheets this way). */
export type XlsxPart = { name: string; size: number; chunks(): Generator<Uint8Array> };

/**
 * The parts of an XLSX that checkXlsxArchive accepted, by lower-case name. Each part's data is
 * inflated in pieces as it is read, and stops with the same zip-bomb error if it expands past
 * what it declares: the inflated XML is never held whole.
 */
export function xlsxParts(bytes: Uint8Array): Map<string, XlsxPart> {
  const parts = new Map<string, XlsxPart>();
  const entries = whenSound(XLSX_ARCHIVE, () => readZipEntries(bytes));
  for (const span of whenSound(XLSX_ARCHIVE, () => soundSpans(XLSX_ARCHIVE, bytes, entries))) {
    const { entry } = span;
    parts.set(entry.name.toLowerCase(), {
      name: entry.name,
      size: entry.uncompressedSize,
      chunks: () => inflateInPieces(bytes, span),
    });
  }
  return parts;
}

function* inflateInPieces(bytes: Uint8Array, { entry, method, start, end }: Span): Generator<Uint8Array> {
  const compressed = bytes.subarray(start, end);
  if (method !== 8) {
    yield compressed;
    return;
  }
  const out: Uint8Array[] = [];
  let size = 0;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size > entry.uncompressedSize) {
      throw zipBomb(
        XLSX_ARCHIVE,
        `the entry "${entry.name}" expands to more than the ${formatBytes(entry.uncompressedSize)} it declares`,
      );
    }
    out.push(chunk);
  });
  const PIECE = 64 * 1024;
  for (let offset = 0; offset < compressed.length || offset === 0; offset += PIECE) {
    try {
      inflate.push(compressed.subarray(offset, offset + PIECE), offset + PIECE >= compressed.length);
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      throw whenSound(XLSX_ARCHIVE, () => {
        throw new DamagedZip(`the entry "${entry.name}" is corrupt`);
      });
    }
    for (const chunk of out) yield chunk;
    out.length = 0;
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

/** The parts SheetJS turns into cells: worksheets and the shared strings. */
const SHEET_DATA = /^xl\/(worksheets\/[^/]+\.xml|sharedstrings\.xml)$/i;

/**
 * Refuses a workbook whose sheets' XML is more than a spreadsheet roster needs (SheetJS would
 * need gigabytes and minutes for it). Declared sizes are proven true while inflating.
 */
function checkSheetData(entries: ZipEntry[], limits: ReadLimits): void {
  let size = 0;
  for (const entry of entries) if (SHEET_DATA.test(entry.name)) size += entry.uncompressedSize;
  if (size <= limits.maxSheetXmlBytes) return;
  const rows = formatCount(Math.round(limits.maxSheetXmlBytes / SHEET_XML_BYTES_PER_ROW / 10_000) * 10_000);
  throw new ImportFileError(
    "spreadsheet_too_large",
    `This XLSX file's sheets hold ${formatBytes(size)} of data once opened; a spreadsheet can hold at most ${formatBytes(limits.maxSheetXmlBytes)} (about ${rows} roster rows). Export the roster as CSV instead: a CSV file can hold up to ${formatCount(limits.maxRows)} rows.`,
  );
}

/** What a roster row takes in sheet XML, about (14 short cells). */
const SHEET_XML_BYTES_PER_ROW = 700;

// ---------------------------------------------------------------------------------------------
// .zip sets of CSV files

/** The limits a .zip set must respect; every one has a clear error. */
export type ArchiveLimits = {
  /** Files in the archive (folders and ignored entries do not count). */
  maxEntries: number;
  /** One file, expanded. */
  maxEntryBytes: number;
  /** All files together, expanded. */
  maxUncompressedBytes: number;
  /** Expanded / compressed, for the whole archive and for each file (above 10 MB expanded). */
  maxCompressionRatio: number;
};

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 64,
  maxEntryBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 100,
};

export type ArchiveEntry = { name: string; bytes: Uint8Array };

export type UnzippedArchive = {
  /** The files, in the archive's order, with their paths as written (`oneroster/users.csv`). */
  entries: ArchiveEntry[];
  /** Entries skipped and why (unsafe paths, macOS metadata), for the import's warnings. */
  ignored: { name: string; reason: string }[];
};

/** Archive formats by their first bytes (an entry that is one is a nested archive). */
const ARCHIVE_SIGNATURES: { signature: number[]; what: string }[] = [
  { signature: [0x50, 0x4b, 0x03, 0x04], what: "a ZIP archive" },
  { signature: [0x50, 0x4b, 0x05, 0x06], what: "a ZIP archive" },
  { signature: [0x1f, 0x8b], what: "a gzip archive" },
  { signature: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: "a RAR archive" },
  { signature: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: "a 7-Zip archive" },
];
const ARCHIVE_EXTENSIONS = /\.(zip|gz|tgz|tar|7z|rar|bz2|xz)$/i;

/**
 * Lists and inflates the files of a .zip set within limits (file count, each file's and the
 * total expanded size, compression ratio; overlapping entries and entries that inflate past
 * what they declare are refused). Folders are skipped; names with `..`, absolute paths and
 * macOS metadata (`__MACOSX/`) are ignored and listed; an archive inside the archive is refused.
 */
export function unzipArchive(bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): UnzippedArchive {
  const max: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
  const all = whenSound(ZIP_ARCHIVE, () => readZipEntries(bytes));
  const ignored: UnzippedArchive["ignored"] = [];
  const files: ZipEntry[] = [];
  for (const entry of all) {
    const reason = unsafeName(entry.name);
    if (reason === "folder") continue;
    if (reason) ignored.push({ name: entry.name, reason });
    else files.push(entry);
  }
  if (files.length > max.maxEntries) {
    throw new ImportFileError(
      "too_many_entries",
      `This ZIP file holds ${formatCount(files.length)} files; the limit is ${formatCount(max.maxEntries)}. ${ZIP_ARCHIVE.tooLargeAdvice}`,
    );
  }
  for (const entry of files) {
    if (ARCHIVE_EXTENSIONS.test(entry.name)) throw nestedArchive(entry.name, "an archive");
    checkEntrySize(entry.name, entry.uncompressedSize, entry.compressedSize, max);
  }
  checkDeclaredSizes(ZIP_ARCHIVE, files, max);
  const entries = whenSound(ZIP_ARCHIVE, () => {
    let total = 0;
    return soundSpans(ZIP_ARCHIVE, bytes, files).map((span) => {
      const { size, data } = inflateEntry(ZIP_ARCHIVE, bytes, span, true);
      total += size;
      if (total > max.maxUncompressedBytes) {
        throw new ImportFileError(
          "archive_too_large",
          `This ZIP file would expand to more than ${formatBytes(max.maxUncompressedBytes)} when opened. ${ZIP_ARCHIVE.tooLargeAdvice}`,
        );
      }
      const nested = ARCHIVE_SIGNATURES.find(({ signature }) => startsWith(data, signature));
      if (nested) throw nestedArchive(span.entry.name, nested.what);
      return { name: span.entry.name, bytes: data };
    });
  });
  return { entries, ignored };
}

/** Why an entry is not read as one of the set's files ("folder": skipped silently), or null. */
function unsafeName(name: string): string | null {
  if (name.endsWith("/") || name.endsWith("\\")) return "folder";
  if (/^([/\\]|[a-z]:)/i.test(name)) return "it has an absolute path";
  if (name.split(/[/\\]/).includes("..")) return 'its path leaves the archive ("..")';
  if (/(^|[/\\])__MACOSX[/\\]/.test(name) || /(^|[/\\])\.DS_Store$/.test(name)) return "it is macOS metadata";
  return null;
}

function checkEntrySize(name: string, size: number, compressed: number, max: ArchiveLimits): void {
  if (size > max.maxEntryBytes) {
    throw new ImportFileError(
      "archive_too_large",
      `The file "${name}" in this ZIP file would expand to ${formatBytes(size)}; the limit for one file is ${formatBytes(max.maxEntryBytes)}.`,
    );
  }
  const ratio = size / Math.max(compressed, 1);
  if (size > RATIO_CHECK_MIN_BYTES && ratio > max.maxCompressionRatio) {
    throw zipBomb(
      ZIP_ARCHIVE,
      `the file "${name}" would expand from ${formatBytes(compressed)} to ${formatBytes(size)}, ${formatCount(Math.round(ratio))} times its size; the limit is ${formatCount(max.maxCompressionRatio)} times`,
    );
  }
}

function nestedArchive(name: string, what: string): ImportFileError {
  return new ImportFileError(
    "nested_archive",
    `The file "${name}" in this ZIP file is itself ${what}. Put the CSV files in the ZIP file directly, not in another archive.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Checks shared by both

function checkDeclaredSizes(
  kind: ArchiveKind,
  entries: ZipEntry[],
  limits: { maxUncompressedBytes: number; maxCompressionRatio: number },
): void {
  let uncompressed = 0;
  let compressed = 0;
  for (const entry of entries) {
    uncompressed += entry.uncompressedSize;
    compressed += entry.compressedSize;
  }
  if (uncompressed > limits.maxUncompressedBytes) {
    throw new ImportFileError(
      "archive_too_large",
      `This ${kind.label} would expand to ${formatBytes(uncompressed)} when opened; the limit is ${formatBytes(limits.maxUncompressedBytes)}. ${kind.tooLargeAdvice}`,
    );
  }
  const ratio = uncompressed / Math.max(compressed, 1);
  if (uncompressed > RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio) {
    throw zipBomb(
      kind,
      `it would expand from ${formatBytes(compressed)} to ${formatBytes(uncompressed)}, ${formatCount(Math.round(ratio))} times its size; the limit is ${formatCount(limits.maxCompressionRatio)} times`,
    );
  }
}

function zipBomb(kind: ArchiveKind, reason: string): ImportFileError {
  return new ImportFileError(
    "zip_bomb",
    `This ${kind.label} was not opened because it looks like a "zip bomb" (${reason}). ${kind.damagedAdvice}`,
  );
}

type Span = { entry: ZipEntry; method: number; start: number; end: number };

/**
 * Each entry's data, in file order. Local headers must be where the directory says, and entries
 * must not overlap (overlapping entries are how a small zip expands enormously).
 */
function soundSpans(kind: ArchiveKind, bytes: Uint8Array, entries: ZipEntry[]): Span[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const spans = entries.map((entry) => ({ entry, ...localData(view, entry) }));
  spans.sort((a, b) => a.entry.localHeaderOffset - b.entry.localHeaderOffset);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.entry.localHeaderOffset < spans[i - 1]!.end) {
      throw zipBomb(kind, `its entries "${spans[i - 1]!.entry.name}" and "${spans[i]!.entry.name}" overlap`);
    }
  }
  return spans;
}

/**
 * Inflates one entry (keeping the output only when asked), stopping as soon as it exceeds what
 * the entry claims. A stored entry is at most its own bytes. XML parts are scanned for a DTD.
 */
function inflateEntry(
  kind: ArchiveKind,
  bytes: Uint8Array,
  { entry, method, start, end }: Span,
  keep: boolean,
): { size: number; data: Uint8Array } {
  const name = entry.name;
  const compressed = bytes.subarray(start, end);
  const doctype = new DoctypeScan(name);
  if (method !== 8) {
    if (doctype.push(compressed)) throw doctypeRefused(kind, name);
    return { size: compressed.length, data: keep ? compressed.slice() : new Uint8Array(0) };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > entry.uncompressedSize) {
      throw zipBomb(
        kind,
        `the entry "${name}" expands to more than the ${formatBytes(entry.uncompressedSize)} it declares`,
      );
    }
    if (doctype.push(chunk)) throw doctypeRefused(kind, name);
    if (keep) chunks.push(chunk);
    if (final) ended = true;
  });
  const CHUNK = 64 * 1024; // at most ~64 MB of output per push at deflate's best ratio
  try {
    for (let offset = 0; offset < compressed.length; offset += CHUNK) {
      inflate.push(compressed.subarray(offset, offset + CHUNK), offset + CHUNK >= compressed.length);
    }
    if (compressed.length === 0) inflate.push(compressed, true);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new DamagedZip(`the entry "${name}" is corrupt`);
  }
  if (!ended) throw new DamagedZip(`the entry "${name}" is cut short`);
  return { size, data: keep ? concat(chunks, size) : new Uint8Array(0) };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
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
  if ((flags | entry.flags) & 0x2041) throw new DamagedZip("it is encrypted", true);
  if (method !== entry.method || (method !== 0 && method !== 8)) {
    throw new DamagedZip(`the entry "${entry.name}" uses an unsupported compression method ${method}`);
  }
  const start = at + 30 + nameLength + extraLength;
  const end = start + entry.compressedSize;
  if (end > view.byteLength) throw new DamagedZip(`the entry "${entry.name}" is cut short`);
  return { method, start, end };
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

function doctypeRefused(kind: ArchiveKind, name: string): ImportFileError {
  return new ImportFileError(
    "xml_doctype",
    `This ${kind.label} was not opened: its part "${name}" declares a DTD (<!DOCTYPE …>). Excel never writes one, and it can hide entity attacks. Open the file in Excel and save it again, or export it again from your SIS.`,
  );
}

// ---------------------------------------------------------------------------------------------
// The zip's directory

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
