import type { Database } from "@/db/client";
import { listEnabledNightlySources } from "@/db/queries/nightly-sources";
import { randomUUID } from "node:crypto";
import { enqueue, enqueueMany } from "@/lib/jobs/boss";
import type { JobHandler } from "@/lib/jobs/handlers";
import { log } from "@/lib/log";
import type { NightlyContext } from "./nightly-context";
import { lineFor, type NightlyLine } from "./nightly-line";
import { isDue, missedCycle } from "./nightly-schedule";

// The nightly pass through the job queue (the cron route, `rostersync cron`, NIGHTLY_CRON): one
// `nightly` job per source that is due or whose import is missing, plus one housekeeping job, and
// nothing else, so the caller answers at once. The workers pull the sources (run-nightly-job.ts).

export async function enqueueNightlyPass(db: Database, context: Pick<NightlyContext, "now">): Promise<NightlyLine[]> {
  const now = context.now();
  await enqueue("housekeeping", {}, { singletonKey: "housekeeping" });
  const sources = (await listEnabledNightlySources(db)).map((source) => ({
    source,
    jobId: isDue(source, source.lastImportAt, now) || missedCycle(source, source, now) ? randomUUID() : null,
  }));
  // One statement for every due source. `stately` keyed by source: a job already waiting for a
  // source is not sent twice (that source's line says "already_queued").
  const sent = await enqueueMany(
    "nightly",
    sources.flatMap(({ source, jobId }) =>
      jobId
        ? [
            {
              id: jobId,
              payload: { organizationId: source.organizationId, sourceId: source.id },
              singletonKey: source.id,
            },
          ]
        : [],
    ),
  );
  return sources.map(({ source, jobId }) =>
    lineFor(
      source,
      !jobId ? { outcome: "not_due" } : sent.has(jobId) ? { outcome: "queued", jobId } : { outcome: "already_queued" },
    ),
  );
}

/** The `nightly-pass` queue's job (the built-in schedule, NIGHTLY_CRON): one pass, enqueued. */
export const nightlyPassJob: JobHandler<"nightly-pass"> = async (_payload, { db }) => {
  const lines = await enqueueNightlyPass(db, { now: () => new Date() });
  log.info("scheduled nightly pass", { queued: lines.filter((line) => line.outcome === "queued").length });
};
