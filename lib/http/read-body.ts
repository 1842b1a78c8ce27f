import { joinInTurns, nextTurn, SLICE_BYTES } from "@/lib/in-turns";

// Request bodies read as a stream with a size limit: an upload over the limit is refused as soon
// as it passes it, without buffering the rest.

/**
 * The body, or "too_large" as soon as it passes the limit (the rest is never read). With the
 * request's declared length (Content-Length), each chunk is copied into one array of that size as
 * it arrives, so a 45 MB upload is never held twice (its chunks and then their join): the server's
 * garbage collector paused it for 137 ms once on that doubled memory while other requests waited.
 */
export async function readBodyWithLimit(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  declaredBytes = 0,
): Promise<Uint8Array | "too_large"> {
  if (!body) return new Uint8Array();
  let into =
    Number.isSafeInteger(declaredBytes) && declaredBytes > 0 && declaredBytes <= limit
      ? new Uint8Array(declaredBytes)
      : null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  let sinceTurn = 0;
  for (;;) {
    // A body already buffered (Next.js buffers it for the proxy) is read in microtasks alone:
    // 45 MB held the server's thread ~0.3 s. A turn of the event loop every slice's worth.
    if (sinceTurn >= SLICE_BYTES) {
      await nextTurn();
      sinceTurn = 0;
    }
    const { done, value } = await reader.read();
    if (done) break;
    sinceTurn += value.byteLength;
    if (size + value.byteLength > limit) {
      await reader.cancel();
      return "too_large";
    }
    if (into && size + value.byteLength > into.byteLength) {
      // Longer than declared: read on in chunks after what was copied so far.
      chunks.push(into.subarray(0, size));
      into = null;
    }
    if (into) into.set(value, size);
    else chunks.push(value);
    size += value.byteLength;
  }
  if (into) return size === into.byteLength ? into : into.slice(0, size);
  // A 36 MB upload is one 36 MB copy: a slice per turn, so other requests are answered meanwhile.
  return joinInTurns(chunks, size);
}
