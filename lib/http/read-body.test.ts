import { describe, expect, it, vi } from "vitest";
import { joinInTurns, SLICE_BYTES } from "@/lib/in-turns";
import { readBodyWithLimit } from "./read-body";

vi.mock("@/lib/in-turns", async (original) => {
  const actual = await original<typeof import("@/lib/in-turns")>();
  return { ...actual, joinInTurns: vi.fn(actual.joinInTurns) };
});

function stream(chunks: number[]): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = chunks[pulled];
      if (size === undefined) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(pulled));
    },
  });
  return { body, pulled: () => pulled };
}

const MEGABYTE = 1024 * 1024;

/** A body already buffered: three slices' worth in 1 MB chunks, chunk i filled with i. */
function bufferedBody(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < (3 * SLICE_BYTES) / MEGABYTE; i++) controller.enqueue(new Uint8Array(MEGABYTE).fill(i));
      controller.close();
    },
  });
}

/** The promise's value, and how many turns the event loop took while it was pending. */
async function countingTurns<T>(work: Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let pending = true;
  const tick = () => {
    if (!pending) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  const value = await work;
  pending = false;
  return { value, turns };
}

describe("readBodyWithLimit", () => {
  it("joins the chunks of a body within the limit", async () => {
    const bytes = await readBodyWithLimit(stream([2, 3]).body, 5);
    expect(bytes).toEqual(new Uint8Array([1, 1, 2, 2, 2]));
  });

  it("stops reading as soon as the body passes the limit", async () => {
    const source = stream([4, 4, 4, 4, 4]);
    expect(await readBodyWithLimit(source.body, 6)).toBe("too_large");
    expect(source.pulled()).toBeLessThan(5);
  });

  it("answers an empty body for none", async () => {
    expect(await readBodyWithLimit(null, 5)).toEqual(new Uint8Array());
  });

  it("lets the event loop turn while it reads a large body that is already buffered", async () => {
    const { value: bytes, turns } = await countingTurns(readBodyWithLimit(bufferedBody(), 4 * SLICE_BYTES));
    expect((bytes as Uint8Array).byteLength).toBe(3 * SLICE_BYTES);
    expect(turns).toBeGreaterThanOrEqual(4); // two while reading, two while joining
  });

  it("copies into one array of the declared length as it reads, and still reads a body of another length", async () => {
    vi.mocked(joinInTurns).mockClear();
    const declared = await readBodyWithLimit(stream([2, 3]).body, 10, 5);
    expect(declared).toEqual(new Uint8Array([1, 1, 2, 2, 2]));
    expect(joinInTurns).not.toHaveBeenCalled(); // copied as read: no chunks held to join
    expect(await readBodyWithLimit(stream([2, 3, 1]).body, 10, 4)).toEqual(new Uint8Array([1, 1, 2, 2, 2, 3]));
    expect(await readBodyWithLimit(stream([2, 1]).body, 10, 6)).toEqual(new Uint8Array([1, 1, 2]));
    expect(await readBodyWithLimit(stream([4, 4]).body, 6, 6)).toBe("too_large");
    // A declared length over the limit is not allocated: the body is read until it passes the limit.
    expect(await readBodyWithLimit(stream([4, 4]).body, 6, 1e12)).toBe("too_large");
  });

  it("lets the event loop turn while it reads a large body of declared length", async () => {
    const read = readBodyWithLimit(bufferedBody(), 4 * SLICE_BYTES, 3 * SLICE_BYTES);
    const { value, turns } = await countingTurns(read);
    const bytes = value as Uint8Array;
    expect(bytes.byteLength).toBe(3 * SLICE_BYTES);
    expect(bytes[3 * SLICE_BYTES - 1]).toBe((3 * SLICE_BYTES) / MEGABYTE - 1);
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});
