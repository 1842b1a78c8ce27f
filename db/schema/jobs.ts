import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The heartbeat of a running job of a queue whose jobs run long (imports, nightly pulls): its
 * worker touches `beat_at` every IMPORT_HEARTBEAT_SECONDS and deletes the row when the job ends.
 * A job still active in the job queue whose beat is older than IMPORT_STALE_AFTER_SECONDS lost its
 * worker and is failed back to its queue (lib/jobs/dead-jobs.ts). No district data.
 */
export const jobHeartbeats = pgTable("job_heartbeats", {
  /** The pg-boss job's id (a retry keeps the id: the new worker's beats replace the dead one's). */
  jobId: uuid().primaryKey(),
  queue: text().notNull(),
  beatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
