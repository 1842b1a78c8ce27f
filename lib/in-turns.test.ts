import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { copyInTurns, joinInTurns, sha256InTurns } from "./in-turns";

const bytes = Uint8Array.from({ length: 1_000 }, (_, i) => (i * 7) % 256);

/** How many turns of the event loop pass while `work` runs. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  running = false;
  return turns;
}

describe("work over large byte arrays in turns", () => {
  it("hashes like one createHash call, a turn between slices", async () => {
    expect(await sha256InTurns(bytes, 100)).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(await sha256InTurns(new Uint8Array(), 100)).toBe(createHash("sha256").digest("hex"));
    expect(await turnsDuring(() => sha256InTurns(bytes, 100))).toBeGreaterThanOrEqual(9);
  });

  it("joins chunks in order, a turn each time a slice's worth was copied", async () => {
    const chunks = [bytes.subarray(0, 300), bytes.subarray(300, 350), bytes.subarray(350, 410), bytes.subarray(410)];
    expect(await joinInTurns(chunks, bytes.length, 100)).toEqual(bytes);
    // A turn after the 300 bytes, none after 50, one after 50 + 60.
    expect(await turnsDuring(() => joinInTurns(chunks, bytes.length, 100))).toBe(2);
  });

  it("copies into a buffer of its own", async () => {
    const copy = await copyInTurns(bytes.subarray(10, 990), 100);
    expect(copy).toEqual(bytes.subarray(10, 990));
    expect(copy.buffer).not.toBe(bytes.buffer);
    expect(copy.byteLength).toBe(copy.buffer.byteLength);
    expect(await turnsDuring(() => copyInTurns(bytes, 100))).toBeGreaterThanOrEqual(9);
  });
});
