import { getNightlySource } from "@/db/queries/nightly-sources";
import type { JobHandler } from "@/lib/jobs/handlers";
import { log } from "@/lib/log";
import { nightlyContextFromEnv, type NightlyContext } from "./nightly-context";
import { passOne } from "./run-nightly-sync";

// The `nightly` queue's job: one source's pull, as one line of the inline pass did it (pull when
// due, then the missed-import check). The job's id is the source's lease token, so a retry after
// its worker died takes the lease over; a file already imported leaves the source not due, and
// the same bytes again are recorded `unchanged`: nothing is applied twice.

export function nightlyJobHandler(context: () => NightlyContext = nightlyContextFromEnv): JobHandler<"nightly"> {
  return async ({ organizationId, sourceId }, { db, jobId }) => {
    const source = await getNightlySource(db, organizationId, sourceId);
    if (!source?.enabled) return; // removed or turned off since the pass sent the job
    const line = await passOne(db, source, context(), jobId);
    log.info("nightly source pulled", {
      sourceId,
      outcome: line.outcome,
      status: line.status,
      importId: line.importId,
      missing: line.missing,
    });
  };
}

export const runNightlyJob = nightlyJobHandler();
