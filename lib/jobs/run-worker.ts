import type PgBoss from "pg-boss";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { getBoss, stopBoss } from "./boss";
import { startDeadJobCheck, withJobHeartbeat } from "./dead-jobs";
import { handlers, type JobHandler } from "./handlers";
import { applyNightlySchedule } from "./nightly-schedule";
import { heartbeatQueues, queueNames, queues, type QueueName } from "./queues";

// A worker: polls the given queues and runs their jobs, `concurrency` at a time per queue.
// Stopping (SIGTERM, SIGINT or `stop()`) takes no new job, lets the jobs in hand finish for up to
// `graceMs`, then fails any still running back to the queue, where another worker retries it.
// A job of a heartbeat queue beats while it runs, and every worker fails back to their queue the
// jobs whose worker stopped beating (a worker killed mid-job: lib/jobs/dead-jobs.ts).

export type WorkerOptions = {
  /** Default: every queue. */
  queues?: QueueName[];
  /** Jobs at once per queue; default IMPORT_CONCURRENCY for imports, 1 otherwise. */
  concurrency?: Partial<Record<QueueName, number>>;
  /** Stop on SIGTERM / SIGINT (a worker process); the in-process worker leaves signals to Next. */
  handleSignals?: boolean;
  graceMs?: number;
};

export type RunningWorker = { stop: () => Promise<void>; stopped: Promise<void> };

const defaultConcurrency = (queue: QueueName) => (queue === "import" ? env.IMPORT_CONCURRENCY : 1);

export async function runWorker(options: WorkerOptions = {}): Promise<RunningWorker> {
  const boss = await getBoss();
  const db = await getDb();
  const names = options.queues ?? queueNames;
  for (const queue of names) {
    const handle = (await handlers[queue]()) as JobHandler<QueueName>;
    const slots = options.concurrency?.[queue] ?? defaultConcurrency(queue);
    const heartbeat = heartbeatQueues.includes(queue);
    // pg-boss 10 runs one job at a time per `work` call: `slots` calls make `slots` at once.
    for (let slot = 0; slot < slots; slot++) {
      await boss.work(
        queue,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: env.JOB_POLLING_SECONDS },
        async ([job]: PgBoss.JobWithMetadata<unknown>[]) => {
          if (!job) return;
          const payload = queues[queue].payload.parse(job.data);
          const run = () => handle(payload, { jobId: job.id, retryCount: job.retryCount, db });
          await (heartbeat ? withJobHeartbeat(db, queue, job.id, run) : run()).catch((error: unknown) => {
            log.error("job failed", { queue, jobId: job.id, retryCount: job.retryCount, error });
            throw error;
          });
        },
      );
    }
  }
  if (names.includes("nightly-pass")) await applyNightlySchedule(boss);
  const deadJobCheck = startDeadJobCheck(db, boss);
  log.info("worker started", { queues: names });

  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= deadJobCheck
      .stop()
      .then(() => stopBoss(options.graceMs ?? 30_000))
      .then(() => {
        log.info("worker stopped", { queues: names });
        resolveStopped();
      });
    return stopping;
  };
  if (options.handleSignals) {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info("worker stopping", { signal });
      void stop();
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }
  return { stop, stopped };
}
