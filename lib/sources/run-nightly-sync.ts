import type { Database } from "@/db/client";
import {
  getNightlySource,
  listEnabledNightlySources,
  type NightlySourceWithOrganization,
} from "@/db/queries/nightly-sources";
import type { NightlyContext } from "./nightly-context";
import { lineFor, type NightlyLine } from "./nightly-line";
import { isDue, missedCycle } from "./nightly-schedule";
import { notifyMissedImport } from "./notify-missed-import";
import { pullNightlySource } from "./pull-nightly-source";
import { expireStagedImports } from "@/db/queries/import-records";
import { failStoppedImports } from "@/lib/import/interrupted-imports";
import { pruneRetained } from "@/lib/privacy/prune-retained";
import { log } from "@/lib/log";

// One nightly pass (the cron route, `rostersync cron`): every enabled source of every
// organization, one after the other, after marking interrupted imports failed and expiring
// previews not decided within a day (as the start of each import does). A due source is pulled; then, due or not, a source whose
// import is missing past its deadline mails its admins (once a day). Whatever goes wrong with one
// source is its own line, and the pass goes on with the next.

export async function runNightlySync(db: Database, context: NightlyContext): Promise<NightlyLine[]> {
  const lines: NightlyLine[] = [];
  await failStoppedImports(db); // every organization's, like the start of each import
  await expireStagedImports(db, context.now());
  await housekeeping(db, context.now());
  for (const source of await listEnabledNightlySources(db)) {
    lines.push(await passOne(db, source, context));
  }
  return lines;
}

/** Retention: what is past each organization's limits goes (each organization's audit log says how much). */
export async function housekeeping(db: Database, now: Date): Promise<void> {
  try {
    await pruneRetained(db, now);
  } catch (error) {
    log.error("retention pruning failed", { error });
  }
}

/** One source of a pass (inline, or as a `nightly` job with its id as the lease token): pull if due, then the missed-import check. */
export async function passOne(
  db: Database,
  source: NightlySourceWithOrganization,
  context: NightlyContext,
  leaseToken?: string,
): Promise<NightlyLine> {
  try {
    const line = isDue(source, source.lastImportAt, context.now())
      ? await pullNightlySource(db, source, context, leaseToken ? { leaseToken } : {})
      : lineFor(source, { outcome: "not_due" });
    const current =
      line.outcome === "imported" ? ((await getNightlySource(db, source.organizationId, source.id)) ?? source) : source;
    const missed = missedCycle(current, current, context.now());
    if (!missed) return line;
    return { ...line, missing: missed.date, mailed: await notifyMissedImport(db, source, missed) };
  } catch (error) {
    log.error("nightly source failed", { sourceId: source.id, error });
    return lineFor(source, {
      outcome: "error",
      message: `Unexpected error (${(error as Error).message ?? String(error)}).`,
    });
  }
}
