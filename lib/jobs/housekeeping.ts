import type { Database } from "@/db/client";
import { expireStagedImports } from "@/db/queries/import-records";
import { purgeUnneededStagedRows } from "@/db/queries/staged-rows-purge";
import { failStoppedImports } from "@/lib/import/interrupted-imports";
import { log } from "@/lib/log";
import { housekeeping as pruneByRetention } from "@/lib/sources/run-nightly-sync";
import type { JobHandler } from "./handlers";

// The `housekeeping` queue's job, sent with each nightly pass: previews not decided in time
// expire, staged rows no import needs are purged, imports whose process died are marked failed,
// and retention prunes what is past each organization's limits.

export async function runHousekeeping(db: Database, now = new Date()) {
  const expired = await expireStagedImports(db, now);
  const purged = await purgeUnneededStagedRows(db);
  const interrupted = await failStoppedImports(db, { now });
  await pruneByRetention(db, now);
  return { expired, purged, interrupted };
}

export const housekeepingJob: JobHandler<"housekeeping"> = async (_payload, { db }) => {
  log.info("housekeeping done", await runHousekeeping(db));
};
