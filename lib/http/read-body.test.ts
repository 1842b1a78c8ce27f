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
});
