// When a nightly source is due and when its import counts as missing, in the source's own time
// zone (docs/decisions.md "Nightly sync"). Pure: every function takes the clock as `now`.
//
// A source's day (its "cycle") starts at its expected time, local: with 06:00 America/Chicago,
// the cycle of March 3 runs from 06:00 CST on March 3 to 06:00 on March 4. The source is due
// while its current cycle has no import; the cycle's import is missing once expected time plus
// the grace period has passed without one.

export type NightlySchedule = { expectedTime: string; timeZone: string; graceMinutes: number };
export type Cycle = { date: string; start: Date };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

/** "HH:MM" (24-hour) → [hours, minutes], or null. */
export function parseExpectedTime(value: string): [number, number] | null {
  const match = TIME.exec(value.trim());
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** True for an IANA time zone this runtime knows ("America/Chicago", "UTC"). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value.trim() !== "";
  } catch {
    return false;
  }
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(instant: number, timeZone: string): Wall {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** Milliseconds the zone's wall clock is ahead of UTC at this instant. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  return (
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) -
    Math.floor(instant / 1000) * 1000
  );
}

/**
 * The instant the zone's clock shows this local date and time. A time skipped by a DST change
 * (02:30 on a spring-forward night) falls an hour later; a repeated one takes its first occurrence.
 */
export function zonedTime(date: string, hours: number, minutes: number, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, hours, minutes);
  // The zone's offset the day before and the day after: one of them is in force at `wall`.
  const candidates = [wall - offsetAt(wall - DAY_MS, timeZone), wall - offsetAt(wall + DAY_MS, timeZone)];
  const exact = candidates.filter((instant) => instant + offsetAt(instant, timeZone) === wall);
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(...candidates));
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The local calendar date of an instant in the zone, "YYYY-MM-DD". */
export function localDate(instant: Date, timeZone: string): string {
  const wall = wallClock(instant.getTime(), timeZone);
  return isoDate(Date.UTC(wall.year, wall.month - 1, wall.day));
}

/** The cycle `now` falls in: the latest expected time at or before `now`. */
export function cycleAt(schedule: NightlySchedule, now: Date): Cycle {
  const [hours, minutes] = parseExpectedTime(schedule.expectedTime) ?? [6, 0];
  const today = localDate(now, schedule.timeZone);
  const start = zonedTime(today, hours, minutes, schedule.timeZone);
  if (start.getTime() <= now.getTime()) return { date: today, start };
  const yesterday = isoDate(Date.parse(`${today}T00:00:00Z`) - DAY_MS);
  return { date: yesterday, start: zonedTime(yesterday, hours, minutes, schedule.timeZone) };
}

/** Due: the current cycle has no import from the source yet. */
export function isDue(schedule: NightlySchedule, lastImportAt: Date | null, now: Date): boolean {
  return !lastImportAt || lastImportAt.getTime() < cycleAt(schedule, now).start.getTime();
}

/**
 * The cycle whose import is missing at `now`, or null: the latest cycle whose deadline (expected
 * time + grace) has passed, when no import arrived since it started. A source created after that
 * cycle started is not blamed for it.
 */
export function missedCycle(
  schedule: NightlySchedule,
  source: { lastImportAt: Date | null; createdAt: Date },
  now: Date,
): (Cycle & { deadline: Date }) | null {
  const graceMs = schedule.graceMinutes * 60_000;
  const cycle = cycleAt(schedule, new Date(now.getTime() - graceMs));
  if (source.createdAt.getTime() > cycle.start.getTime()) return null;
  if (source.lastImportAt && source.lastImportAt.getTime() >= cycle.start.getTime()) return null;
  return { ...cycle, deadline: new Date(cycle.start.getTime() + graceMs) };
}
