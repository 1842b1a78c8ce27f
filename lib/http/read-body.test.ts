import { describe, expect, it } from "vitest";
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
});
