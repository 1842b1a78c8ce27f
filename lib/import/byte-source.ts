import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { nextTurn, SLICE_BYTES } from "@/lib/in-turns";

// The bytes of a file to import: in memory (an upload, a pulled nightly file, a packed set) or a
// file on disk that is read a range at a time (the CLI, the benchmark), so a 500 MB CSV is never
// held whole: it is hashed and checked in slices and parsed in pieces (text-pieces.ts).
// Spreadsheets and .zip sets are read whole either way (readWhole): their readers need all bytes.

/** A file on disk, read by byte range as the import needs it. */
export class DiskFile {
  readonly byteLength: number;

  constructor(
    readonly path: string,
    byteLength = statSync(path).size,
  ) {
    this.byteLength = byteLength;
  }

  /** Bytes [start, end) of the file (fewer when it is shorter), in a buffer of their own. */
  read(start: number, end: number): Uint8Array {
    const to = Math.min(end, this.byteLength);
    if (to <= start) return new Uint8Array(0);
    const buffer = Buffer.allocUnsafe(to - start);
    const fd = openSync(this.path, "r");
    try {
      let done = 0;
      while (done < buffer.length) {
        const n = readSync(fd, buffer, done, buffer.length - done, start + done);
        if (n === 0) break;
        done += n;
      }
      return done === buffer.length ? buffer : buffer.subarray(0, done);
    } finally {
      closeSync(fd);
    }
  }
}

/** What an import reads: the bytes themselves, or a file on disk. */
export type ImportBytes = Uint8Array | DiskFile;

/** Bytes [start, end) of either kind of source (a view, for bytes in memory). */
export function readRange(source: ImportBytes, start: number, end: number): Uint8Array {
  return source instanceof DiskFile ? source.read(start, end) : source.subarray(start, end);
}

/** All the bytes (a file on disk is read whole: for spreadsheets and sets, whose readers need them). */
export function readWhole(source: ImportBytes): Uint8Array {
  return source instanceof DiskFile ? source.read(0, source.byteLength) : source;
}

/** The source's slices of about `slice` bytes, in order. */
export function* slicesOf(source: ImportBytes, slice = SLICE_BYTES): Generator<Uint8Array> {
  for (let at = 0; at < source.byteLength; at += slice) yield readRange(source, at, at + slice);
}

/** The SHA-256 of the source's bytes (hex), a slice per turn of the event loop. */
export async function sha256OfSource(source: ImportBytes, slice = SLICE_BYTES): Promise<string> {
  const hash = createHash("sha256");
  let first = true;
  for (const bytes of slicesOf(source, slice)) {
    if (!first) await nextTurn();
    first = false;
    hash.update(bytes);
  }
  return hash.digest("hex");
}

/**
 * Whether the source is valid UTF-8, checked a slice at a time: each slice ends before a byte
 * that starts a character (not a continuation byte 10xxxxxx), so a character is never split.
 * Validity is local to characters, so the slices are all valid exactly when the whole is.
 */
export function isUtf8Source(source: ImportBytes, slice = SLICE_BYTES): boolean {
  if (!(source instanceof DiskFile)) return isUtf8(source);
  let at = 0;
  while (at < source.byteLength) {
    const bytes = source.read(at, at + slice + 4);
    let end = bytes.length;
    if (at + end < source.byteLength) {
      // The slice runs on to the next byte that starts a character (at most 3 bytes on in UTF-8).
      end = slice;
      while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end += 1;
      if (end === bytes.length) return false; // more continuation bytes than a character has
    }
    if (!isUtf8(bytes.subarray(0, end))) return false;
    at += end;
  }
  return true;
}
