import type { Database } from "@/db/client";
import type { Payload, QueueName } from "./queues";

// What a worker does with a job of each queue. A handler that throws fails the job (pg-boss
// retries it as the queue says); expected failures are recorded by the handler and not thrown.

/** What a handler knows of its job besides the payload. */
export type JobContext = { jobId: string; retryCount: number; db: Database };

export type JobHandler<Q extends QueueName> = (payload: Payload<Q>, job: JobContext) => Promise<void>;

export const handlers: { [Q in QueueName]: () => Promise<JobHandler<Q>> } = {
  import: async () => (await import("@/lib/import/run-queued-import")).runImportJob,
  "import-failed": async () => (await import("@/lib/import/run-queued-import")).failImportJob,
  nightly: async () => (await import("@/lib/sources/run-nightly-job")).runNightlyJob,
  "nightly-pass": async () => (await import("@/lib/sources/enqueue-nightly-pass")).nightlyPassJob,
  mail: async () => (await import("@/lib/mail/send-mail-job")).sendMailJob,
  housekeeping: async () => (await import("@/lib/jobs/housekeeping")).housekeepingJob,
};
