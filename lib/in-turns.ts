import { createHash } from "node:crypto";

// Work over a large byte array (an uploaded file of up to 50 MB) in slices, with a turn of the
// event loop between them: one call over 36 MB (hashing it, copying it) holds the server's thread
// for 50–150 ms on a busy machine, and every other request waits that long.

/**
 * Bytes per slice: a millisecond or two of hashing or copying. A request that needs a dozen turns
 * of the event loop (a page's render, its session lookup) waits behind one slice at each, so the
 * slice is what it pays per turn: with 4 MB slices (5–10 ms each once the new array's pages are
 * touched) GET /sign-in took 150–250 ms while a 45 MB upload was copied for the spreadsheet worker.
 */
export const SLICE_BYTES = 1024 * 1024;

/** Lets the event loop turn: requests and I/O waiting meanwhile run first. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The SHA-256 of the bytes (hex), a slice per turn. */
export async function sha256InTurns(bytes: Uint8Array, slice = SLICE_BYTES): Promise<string> {
  const hash = createHash("sha256");
  for (let offset = 0; offset < bytes.length; offset += slice) {
    if (offset > 0) await nextTurn();
    hash.update(bytes.subarray(offset, offset + slice));
  }
  return hash.digest("hex");
}

/** The chunks joined into one array of `size` bytes, a slice per turn. */
export async function joinInTurns(chunks: Uint8Array[], size: number, slice = SLICE_BYTES): Promise<Uint8Array> {
  const joined = new Uint8Array(size);
  let offset = 0;
  let sinceTurn = 0;
  for (const chunk of chunks) {
    if (sinceTurn >= slice) {
      await nextTurn();
      sinceTurn = 0;
    }
    joined.set(chunk, offset);
    offset += chunk.byteLength;
    sinceTurn += chunk.byteLength;
  }
  return joined;
}

/** A copy of the bytes in a buffer of its own (to transfer to a worker), a slice per turn. */
export function copyInTurns(bytes: Uint8Array, slice = SLICE_BYTES): Promise<Uint8Array> {
  const slices: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += slice) slices.push(bytes.subarray(offset, offset + slice));
  return joinInTurns(slices, bytes.length, slice);
}
