import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startHeartbeat } from "./heartbeat";

// The heartbeat of a running import: a beat every interval, never two at once, nothing after stop.

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("startHeartbeat", () => {
  it("beats once per interval while it runs", async () => {
    const beat = vi.fn(async () => {});
    const heartbeat = startHeartbeat(beat, 1_000, () => {});
    await vi.advanceTimersByTimeAsync(999);
    expect(beat).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(beat).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(beat).toHaveBeenCalledTimes(5);
    await heartbeat.stop();
  });

  it("never runs two beats at once: a slow beat delays the next instead of piling up", async () => {
    let inFlight = 0;
    let most = 0;
    const beat = vi.fn(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5_000)); // waits for a row lock
      inFlight -= 1;
    });
    const heartbeat = startHeartbeat(beat, 1_000, () => {});
    await vi.advanceTimersByTimeAsync(20_000);
    expect(most).toBe(1);
    // One beat per 6 s (1 s wait + 5 s beat), not one per second.
    expect(beat).toHaveBeenCalledTimes(4);
    const stopped = heartbeat.stop(); // the fourth beat is still waiting
    await vi.advanceTimersByTimeAsync(5_000);
    await stopped;
  });

  it("stop waits for the beat in flight, and no beat follows", async () => {
    let finished = false;
    const beat = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
    });
    const heartbeat = startHeartbeat(beat, 1_000, () => {});
    await vi.advanceTimersByTimeAsync(1_100); // a beat is in flight
    const stopped = heartbeat.stop();
    await vi.advanceTimersByTimeAsync(500);
    await stopped;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(beat).toHaveBeenCalledTimes(1);
  });

  it("a failed beat is reported and the next one still comes", async () => {
    const errors: unknown[] = [];
    const beat = vi.fn().mockRejectedValueOnce(new Error("connection lost")).mockResolvedValue(undefined);
    const heartbeat = startHeartbeat(beat, 1_000, (error) => errors.push(error));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(beat).toHaveBeenCalledTimes(2);
    expect(errors).toEqual([new Error("connection lost")]);
    await heartbeat.stop();
  });
});
