import { describe, expect, it } from "vitest";
import { SLICE_BYTES } from "@/lib/in-turns";
import { readBodyWithLimit } from "./read-body";

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
    const megabyte = 1024 * 1024;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < (3 * SLICE_BYTES) / megabyte; i++) controller.enqueue(new Uint8Array(megabyte));
        controller.close();
      },
    });
    let turns = 0;
    let reading = true;
    const tick = () => {
      if (!reading) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const bytes = await readBodyWithLimit(body, 4 * SLICE_BYTES);
    reading = false;
    expect((bytes as Uint8Array).byteLength).toBe(3 * SLICE_BYTES);
    expect(turns).toBeGreaterThanOrEqual(4); // two while reading, two while joining
  });

  it("copies into one array of the declared length as it reads, and still reads a body of another length", async () => {
    const declared = await readBodyWithLimit(stream([2, 3]).body, 10, 5);
    expect(declared).toEqual(new Uint8Array([1, 1, 2, 2, 2]));
    expect((declared as Uint8Array).buffer.byteLength).toBe(5); // the array itself, no join
    expect(await readBodyWithLimit(stream([2, 3, 1]).body, 10, 4)).toEqual(new Uint8Array([1, 1, 2, 2, 2, 3]));
    expect(await readBodyWithLimit(stream([2, 1]).body, 10, 6)).toEqual(new Uint8Array([1, 1, 2]));
    expect(await readBodyWithLimit(stream([4, 4]).body, 6, 6)).toBe("too_large");
    // A declared length over the limit is not allocated: the body is read until it passes the limit.
    expect(await readBodyWithLimit(stream([4, 4]).body, 6, 1e12)).toBe("too_large");
  });

  it("lets the event loop turn while it reads a large body of declared length", async () => {
    const megabyte = 1024 * 1024;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < (3 * SLICE_BYTES) / megabyte; i++) controller.enqueue(new Uint8Array(megabyte).fill(i));
        controller.close();
      },
    });
    let turns = 0;
    let reading = true;
    const tick = () => {
      if (!reading) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const bytes = (await readBodyWithLimit(body, 4 * SLICE_BYTES, 3 * SLICE_BYTES)) as Uint8Array;
    reading = false;
    expect(bytes.byteLength).toBe(3 * SLICE_BYTES);
    expect(bytes[3 * SLICE_BYTES - 1]).toBe((3 * SLICE_BYTES) / megabyte - 1);
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});
