import { describe, expect, it } from "vitest";
import { importSlotUse, inImportSlot } from "./import-slots";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("inImportSlot", () => {
  it("runs at most `limit` at once, first come first served, and says when one waits", async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const waited: number[] = [];
    const job = (n: number) =>
      inImportSlot(
        2,
        async () => {
          started.push(n);
          most = Math.max(most, ++running);
          await tick();
          running--;
          return n;
        },
        () => waited.push(n),
      );
    const results = await Promise.all([1, 2, 3, 4, 5].map(job));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(waited).toEqual([3, 4, 5]);
    expect(importSlotUse()).toEqual({ active: 0, waiting: 0 });
  });

  it("frees the slot when the work fails", async () => {
    await expect(inImportSlot(1, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(inImportSlot(1, async () => "next")).resolves.toBe("next");
    expect(importSlotUse()).toEqual({ active: 0, waiting: 0 });
  });
});
