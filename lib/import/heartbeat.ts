// A timer that calls `beat` every `intervalMs` while some work runs. Never two beats at once:
// the next one is scheduled only when the previous one has finished, so a beat that waits (for a
// row lock, for PGlite's one connection) delays the next instead of piling up behind it.

export type Heartbeat = {
  /** Stops the timer and waits for a beat in flight, so nothing runs after the work ends. */
  stop: () => Promise<void>;
};

export function startHeartbeat(
  beat: () => Promise<void>,
  intervalMs: number,
  onError: (error: unknown) => void,
): Heartbeat {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = beat()
        .catch(onError) // a missed beat is not fatal: the next one may get through
        .finally(schedule);
    }, intervalMs);
    timer.unref?.(); // a CLI process exits when its work is done, not when the timer says
  };

  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
