import type PgBoss from "pg-boss";
import { getDriver, type Database } from "@/db/client";
import {
  beatJob,
  deleteOrphanHeartbeats,
  endJobHeartbeat,
  findDeadJobs,
  tryLockDeadJobCheck,
  type DeadJob,
} from "@/db/queries/job-heartbeats";
import { env } from "@/lib/env";
import { startHeartbeat, type Heartbeat } from "@/lib/import/heartbeat";
import { log } from "@/lib/log";
import { heartbeatQueues, type QueueName } from "./queues";

// pg-boss 10 has no job heartbeat: a job whose worker died (kill -9, a lost machine) stays
// "active" until it expires (IMPORT_JOB_TIMEOUT_SECONDS, 900 s by default, long enough for the
// largest live import). So the worker running a job of a heartbeat queue (imports, nightly pulls)
// touches the job's row in job_heartbeats every IMPORT_HEARTBEAT_SECONDS, and every worker looks,
// as often, for jobs of those queues still active whose beat is older than
// IMPORT_STALE_AFTER_SECONDS (at least 3 beats): their worker is gone, and the job is failed back
// to its queue through pg-boss (`fail`), whose retry policy then applies (retried once by another
// worker, then marked failed). docs/decisions.md "Job queue".
//
// A live worker never loses its job to this: a job this process runs is never failed by it
// (`runningHere`; on embedded PGlite this process is the only one, so every beat held up behind
// PGlite's one connection is harmless), and another process's live worker beats from a timer on
// the pool, outside the import's transaction. Even so, nothing is applied twice: applying
// re-checks under the organization's import lock that the import is still "processing".

const globalForJobs = globalThis as unknown as { __rostersyncJobsRunningHere?: Set<string> };
/** On globalThis: Next.js may load this module more than once in one server process. */
const running = (globalForJobs.__rostersyncJobsRunningHere ??= new Set<string>());

export const jobsRunningHere = (): string[] => [...running];

/** Runs one job's handler with its heartbeat: registered here at once, beating until it ends. */
export async function withJobHeartbeat<T>(
  db: Database,
  queue: QueueName,
  jobId: string,
  work: () => Promise<T>,
): Promise<T> {
  running.add(jobId);
  let heartbeat: Heartbeat | null = null;
  try {
    const onError = (error: unknown) => log.error("job heartbeat failed", { queue, jobId, error });
    await beatJob(db, queue, jobId).catch(onError); // a missed beat is not fatal: the next may get through
    heartbeat = startHeartbeat(() => beatJob(db, queue, jobId), env.IMPORT_HEARTBEAT_SECONDS * 1_000, onError);
    return await work();
  } finally {
    try {
      await heartbeat?.stop();
      await endJobHeartbeat(db, jobId).catch((error: unknown) =>
        log.error("job heartbeat not removed", { queue, jobId, error }),
      );
    } finally {
      running.delete(jobId);
    }
  }
}

export const DEAD_WORKER_MESSAGE = "its worker stopped beating (the process running it died)";

/**
 * Fails back to their queue the jobs whose worker stopped beating; answers them. One process at
 * a time does this on PostgreSQL (a try-lock: a process that finds it taken skips this round), so
 * two never fail one job twice. `runningHere` is for tests playing another process.
 */
export async function failDeadJobs(
  db: Database,
  boss: PgBoss,
  options: { runningHere?: readonly string[] } = {},
): Promise<DeadJob[]> {
  const check = async () => {
    const dead = await findDeadJobs(db, {
      queues: heartbeatQueues,
      staleSeconds: env.IMPORT_STALE_AFTER_SECONDS,
      runningHere: options.runningHere ?? jobsRunningHere(),
    });
    for (const job of dead) {
      log.warn("job failed back to its queue: its worker stopped beating", { queue: job.name, jobId: job.id });
      await boss.fail(job.name, job.id, { message: DEAD_WORKER_MESSAGE });
    }
    await deleteOrphanHeartbeats(db);
    return dead;
  };
  // PGlite: one process owns the data dir, and pg-boss shares its one connection (a transaction
  // held here would keep `fail` waiting for ever). The check timer runs one check at a time.
  if ((await getDriver()) === "pglite") return check();
  return db.transaction(async (tx) => ((await tryLockDeadJobCheck(tx)) ? check() : []));
}

/** The worker's timer: looks for dead jobs every IMPORT_HEARTBEAT_SECONDS. `stop` it with the worker. */
export function startDeadJobCheck(db: Database, boss: PgBoss): Heartbeat {
  return startHeartbeat(
    async () => void (await failDeadJobs(db, boss)),
    env.IMPORT_HEARTBEAT_SECONDS * 1_000,
    (error) => log.error("dead job check failed", { error }),
  );
}
