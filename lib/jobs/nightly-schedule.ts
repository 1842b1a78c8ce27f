import type PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// The optional built-in schedule for the nightly pass: with NIGHTLY_CRON set ("*/30 * * * *"),
// pg-boss sends a `nightly-pass` job on that schedule, in NIGHTLY_CRON_TZ (an IANA time zone, so
// "0 2 * * *" stays 2 AM local across daylight saving). Every worker may register it; pg-boss sends
// each tick once. Without NIGHTLY_CRON the schedule is removed (the cron route stays either way).

export async function applyNightlySchedule(
  boss: PgBoss,
  settings: { cron?: string; tz: string } = { cron: env.NIGHTLY_CRON, tz: env.NIGHTLY_CRON_TZ },
): Promise<void> {
  if (settings.cron) {
    await boss.schedule("nightly-pass", settings.cron, {}, { tz: settings.tz, singletonKey: "nightly-pass" });
    log.info("nightly schedule on", { cron: settings.cron, tz: settings.tz });
  } else {
    await boss.unschedule("nightly-pass");
  }
}
