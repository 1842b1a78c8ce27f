import type PgBoss from "pg-boss";
import { z } from "zod";
import { env } from "@/lib/env";

// The queues, what a job on each carries (checked by zod when a worker takes it), and how
// pg-boss keeps each queue (policy, retries, expiry). docs/decisions.md "Job queue".

const organizationJob = z.object({ organizationId: z.uuid() });

/** One queue: its job's payload schema and pg-boss's options for it. */
type QueueSpec<Payload extends z.ZodType> = {
  payload: Payload;
  /** Read when the worker starts (settings come from the environment). */
  options: () => Omit<PgBoss.Queue, "name">;
};

const queue = <Payload extends z.ZodType>(spec: QueueSpec<Payload>) => spec;

export const queues = {
  /**
   * Runs an organization's oldest queued import (lib/import/run-queued-import.ts). `singleton`
   * keyed by organization: one active job per organization across all workers. A job that dies
   * with its worker expires and is retried once; then `import-failed` marks its import failed.
   */
  import: queue({
    payload: organizationJob,
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
};

export type QueueName = keyof typeof queues;
export type Payload<Q extends QueueName> = z.infer<(typeof queues)[Q]["payload"]>;
export const queueNames = Object.keys(queues) as QueueName[];

export function isQueueName(name: string): name is QueueName {
  return Object.hasOwn(queues, name);
}
