import type PgBoss from "pg-boss";
import { z } from "zod";
import { env } from "@/lib/env";

// The queues, what a job on each carries (checked by zod when a worker takes it), and how
// pg-boss keeps each queue (policy, retries, expiry). docs/decisions.md "Job queue".

const organizationJob = z.object({ organizationId: z.uuid() });

/** A mail as lib/mail/send-mail.ts sends it (the idempotency key is required: retries deliver once). */
const mailJob = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  category: z.string(),
  organizationId: z.uuid().optional(),
  idempotencyKey: z.string().min(1),
  /** An invitation's mail: refused for good, the invitation is marked not sent and audited. */
  invitation: z.object({ id: z.uuid(), staffId: z.number().int(), sentByUserId: z.string() }).optional(),
});

/** One queue: its job's payload schema and pg-boss's options for it. */
type QueueSpec<Payload extends z.ZodType> = {
  payload: Payload;
  /** Read when the worker starts (settings come from the environment). */
  options: () => Omit<PgBoss.Queue, "name">;
  /**
   * Its jobs run long, so their worker beats (lib/jobs/dead-jobs.ts): a job whose worker stopped
   * beating for IMPORT_STALE_AFTER_SECONDS is failed back to the queue long before it expires.
   */
  heartbeat?: true;
};

const queue = <Payload extends z.ZodType>(spec: QueueSpec<Payload>) => spec;

export const queues = {
  /**
   * Runs an organization's oldest queued import (lib/import/run-queued-import.ts). `singleton`
   * keyed by organization: one active job per organization across all workers. A job whose worker
   * died (it stopped beating) is failed back and retried once; then `import-failed` marks its
   * import failed. The expiry is for a job still beating but running far too long.
   */
  import: queue({
    payload: organizationJob,
    heartbeat: true,
    options: () => ({
      policy: "singleton",
      retryLimit: 1,
      retryDelay: 0,
      expireInSeconds: env.IMPORT_JOB_TIMEOUT_SECONDS,
      deadLetter: "import-failed",
    }),
  }),
  /** An import job that failed twice: its import is marked failed and the next one goes on. */
  "import-failed": queue({
    payload: organizationJob,
    options: () => ({ policy: "standard", retryLimit: 3, retryDelay: 5, expireInSeconds: 300 }),
  }),
  /**
   * One nightly source's pull (lib/sources/run-nightly-job.ts), sent by the nightly pass (the cron
   * route, `rostersync cron`, NIGHTLY_CRON). `stately` keyed by source: at most one waiting and one
   * running per source, so overlapping passes send it once. A job whose worker died (it stopped
   * beating) is retried once; the retry takes over the source's lease (the lease token is the job's id).
   */
  nightly: queue({
    payload: z.object({ organizationId: z.uuid(), sourceId: z.uuid() }),
    heartbeat: true,
    options: () => ({
      policy: "stately",
      retryLimit: 1,
      retryDelay: 0,
      expireInSeconds: env.IMPORT_JOB_TIMEOUT_SECONDS,
    }),
  }),
  /** The built-in schedule's nightly pass (NIGHTLY_CRON): sends the `nightly` jobs, as the cron route does. */
  "nightly-pass": queue({
    payload: z.object({}).passthrough(),
    options: () => ({ policy: "stately", retryLimit: 1, retryDelay: 30, expireInSeconds: 300 }),
  }),
  /**
   * One mail (lib/mail/send-mail-job.ts). Resend's 429 and 5xx answers fail the job, retried with
   * exponential backoff; the message's idempotency key goes with every try, so it is delivered once.
   */
  mail: queue({
    payload: mailJob,
    options: () => ({
      policy: "standard",
      retryLimit: env.MAIL_RETRY_LIMIT,
      retryDelay: env.MAIL_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: 120,
    }),
  }),
  /** Expires undecided previews, purges staged rows, marks dead imports failed, prunes by retention. */
  housekeeping: queue({
    payload: z.object({}),
    options: () => ({ policy: "stately", retryLimit: 1, retryDelay: 60, expireInSeconds: 1_800 }),
  }),
};

export type QueueName = keyof typeof queues;
export type Payload<Q extends QueueName> = z.infer<(typeof queues)[Q]["payload"]>;
export const queueNames = Object.keys(queues) as QueueName[];
/** The queues whose workers beat (`heartbeat`): their dead workers' jobs are found in a minute. */
export const heartbeatQueues: readonly QueueName[] = queueNames.filter(
  (name) => (queues[name] as QueueSpec<z.ZodType>).heartbeat,
);

export function isQueueName(name: string): name is QueueName {
  return Object.hasOwn(queues, name);
}
