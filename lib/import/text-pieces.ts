// A large text file is decoded and parsed a piece at a time, so the import never holds the whole
// file as one string (a 100 MB CSV with one accented name is a 200 MB string): read-text.ts parses
// each piece with papaparse exactly as it would the whole text, because every piece ends where a
// record ends. Only UTF-8 and Windows-1252 files are cut (in them `"`, the delimiter, CR and LF
// are single bytes that no other character contains); UTF-16 files are decoded whole.

import { readRange, type ImportBytes } from "./byte-source";

/** A text file is read in pieces of about this many bytes (and only when it is larger). */
export const PIECE_BYTES = 4 * 1024 * 1024;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The byte ranges [start, end) of the pieces after `from` (the byte after the header's line
 * break): each but the last ends just before a line break outside quotes, found at or after
 * `pieceBytes` from its start; the line break itself belongs to neither piece. Quotes are
 * followed as papaparse reads them: a field is quoted when it starts with `"`, `""` inside it is
 * a quote, and it ends at a `"` followed (after spaces or tabs that are not the delimiter) by the delimiter or a line break.
 * A quote papaparse would take as ending a field where this does not only makes a piece longer.
 */
export function* pieceRanges(
  bytes: Uint8Array,
  from: number,
  delimiter: string,
  newline: "\r\n" | "\n" | "\r",
  pieceBytes = PIECE_BYTES,
): Generator<[number, number]> {
  const delimiterByte = delimiter.charCodeAt(0);
  const length = bytes.length;
  const breakAt = (i: number) =>
    newline === "\r\n" ? bytes[i] === CR && bytes[i + 1] === LF : bytes[i] === (newline === "\n" ? LF : CR);
  /** The first line break in [from, to), or -1. */
  const breakIn = (from: number, to: number) => {
    const last = newline === "\r" ? CR : LF;
    for (let at = bytes.indexOf(last, from); at >= 0 && at < to; at = bytes.indexOf(last, at + 1)) {
      if (newline !== "\r\n") return at;
      if (at - 1 >= from && bytes[at - 1] === CR) return at - 1;
    }
    return -1;
  };
  /** Does a field start at `i` (after the delimiter or a line break)? */
  const startsField = (i: number) =>
    bytes[i - 1] === delimiterByte ||
    (newline === "\r\n" ? bytes[i - 1] === LF && bytes[i - 2] === CR : bytes[i - 1] === (newline === "\n" ? LF : CR));

  let start = from;
  let i = from; // a field starts at `i`, or `i` is inside an unquoted field
  while (start < length) {
    const target = start + pieceBytes;
    let cut = -1;
    while (i < length) {
      // Up to the next quote nothing is quoted: the first line break at or after the target ends the piece.
      const quote = bytes.indexOf(QUOTE, i);
      const plain = quote < 0 ? length : quote;
      const found = breakIn(Math.max(i, target), plain);
      if (found >= 0) {
        cut = found;
        i = found + newline.length;
        break;
      }
      if (quote < 0) {
        i = length;
        break;
      }
      i = quote === start || startsField(quote) ? afterQuotedField(bytes, quote, delimiterByte, breakAt) : quote + 1;
    }
    if (cut < 0) {
      yield [start, length];
      return;
    }
    yield [start, cut];
    start = i;
  }
}

/**
 * The same pieces as pieceRanges, found a window of the source at a time, each with its bytes:
 * a file on disk is read a piece (and a little more) at a time and never held whole. A window
 * starts where a piece starts, so quotes are followed from a record's start exactly as
 * pieceRanges follows them; when a window holds no line break to cut at (a piece's end is past
 * it, or a quoted cell runs over its end), it is read again twice as long.
 */
export function* sourcePieces(
  source: ImportBytes,
  from: number,
  delimiter: string,
  newline: "\r\n" | "\n" | "\r",
  pieceBytes = PIECE_BYTES,
  windowBytes = Math.max(2 * pieceBytes, 65_536),
): Generator<{ start: number; end: number; bytes: Uint8Array }> {
  const length = source.byteLength;
  let start = from;
  while (start < length) {
    let span = Math.max(1, windowBytes);
    for (;;) {
      const window = readRange(source, start, start + span);
      const atEnd = start + window.length >= length;
      const first = pieceRanges(window, 0, delimiter, newline, pieceBytes).next();
      const cut = first.done ? window.length : first.value[1];
      if (cut < window.length || atEnd) {
        yield { start, end: start + cut, bytes: window.subarray(0, cut) };
        start += cut + (cut < window.length ? newline.length : 0);
        break;
      }
      span *= 2;
    }
  }
}

/** The index just after a quoted field's closing quote (the file's length when it has none). */
function afterQuotedField(
  bytes: Uint8Array,
  open: number,
  delimiterByte: number,
  breakAt: (i: number) => boolean,
): number {
  let q = open;
  for (;;) {
    q = bytes.indexOf(QUOTE, q + 1);
    if (q < 0) return bytes.length;
    if (bytes[q + 1] === QUOTE) {
      q += 1; // a doubled quote
      continue;
    }
    let next = q + 1;
    while ((bytes[next] === 0x20 || bytes[next] === 0x09) && bytes[next] !== delimiterByte) next += 1;
    if (next >= bytes.length || bytes[next] === delimiterByte || breakAt(next)) return next;
  }
}
