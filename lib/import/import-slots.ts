// At most IMPORT_CONCURRENCY imports read, plan and apply at once in this server process; the
// others wait, first come first served. Reading and planning run on the event loop (in turns), so
// twenty imports at once would put every page request behind twenty imports' turns; a couple at a
// time keep both cores busy and pages quick (measured by the load test, README "Reliability").

type Slots = { active: number; waiting: (() => void)[] };
const globalForSlots = globalThis as unknown as { __rostersyncImportSlots?: Slots };
/** On globalThis: Next.js may load this module more than once in one server process. */
const slots = (globalForSlots.__rostersyncImportSlots ??= { active: 0, waiting: [] });

/** Runs `work` in one of `limit` slots; `onWait` is called first when it has to wait for one. */
export async function inImportSlot<T>(limit: number, work: () => Promise<T>, onWait?: () => void): Promise<T> {
  if (slots.active < limit) {
    slots.active++;
  } else {
    onWait?.();
    await new Promise<void>((resolve) => slots.waiting.push(resolve));
  }
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or give it back.
    const next = slots.waiting.shift();
    if (next) next();
    else slots.active--;
  }
}

/** Imports running and waiting in this process (for tests). */
export function importSlotUse(): { active: number; waiting: number } {
  return { active: slots.active, waiting: slots.waiting.length };
}
