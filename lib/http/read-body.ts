import { joinInTurns } from "@/lib/in-turns";

// Request bodies read as a stream with a size limit: an upload over the limit is refused as soon
// as it passes it, without buffering the rest.

/** The body, or "too_large" as soon as it passes the limit (the rest is never read). */
export async function readBodyWithLimit(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | "too_large"> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return "too_large";
    }
    chunks.push(value);
  }
  // A 36 MB upload is one 36 MB copy: a slice per turn, so other requests are answered meanwhile.
  return joinInTurns(chunks, size);
}
