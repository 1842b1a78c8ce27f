import type PgBoss from "pg-boss";
import { JOB_SCHEMA, jobQueueConnection } from "@/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { queueNames, queues, type Payload, type QueueName } from "./queues";

// The process's pg-boss: started on first use, with its own pool from DATABASE_URL on PostgreSQL,
// or through the embedded PGlite in this process (pg-boss's `db` adapter). Its tables are
// installed by our migrations (db/client.ts), so it starts with `migrate: false`.

const globalForBoss = globalThis as unknown as { __rostersyncBoss?: Promise<PgBoss> };

async function startBoss(): Promise<PgBoss> {
  const { default: PgBossClass } = await import("pg-boss");
  const connection = await jobQueueConnection();
  const boss = new PgBossClass({
    ...connection,
    schema: JOB_SCHEMA,
    application_name: "rostersync-jobs",
    max: Number(process.env.JOB_POOL_SIZE ?? 4),
    migrate: false,
    maintenanceIntervalSeconds: env.JOB_MAINTENANCE_SECONDS,
  });
  boss.on("error", (error: unknown) => log.error("job queue error", { error }));
  await boss.start();
  try {
    // A dead-letter queue must exist before the queue that names it.
    const ordered = [...queueNames].sort(
      (a, b) => Number(!!queues[a].options().deadLetter) - Number(!!queues[b].options().deadLetter),
    );
    for (const name of ordered) {
      const options = { name, ...queues[name].options() };
      if (await boss.getQueue(name)) await boss.updateQueue(name, options);
      else
        await boss.createQueue(name, options).catch(async (error: unknown) => {
          if (!(await boss.getQueue(name))) throw error; // another process created it first: fine
        });
    }
  } catch (error) {
    await boss.stop({ graceful: false, close: true, wait: true }).catch(() => {});
    throw error;
  }
  return boss;
}

/**
 * Embedded PGlite only (one process owns the data dir): jobs left "active" by a process that
 * stopped are failed back to their queue at once, to be retried, instead of after their expiry.
 */
export async function releaseJobsOfStoppedProcess(boss: PgBoss): Promise<number> {
  const connection = await jobQueueConnection();
  if (!("db" in connection)) return 0;
  const { rows } = await connection.db.executeSql(
    `select name, id from ${JOB_SCHEMA}.job where state = 'active'`, // pg-boss's job table
  );
  const jobs = rows as { name: string; id: string }[];
  for (const { name, id } of jobs) await boss.fail(name, id, { message: "the server stopped while it ran" });
  return jobs.length;
}

/** The started job queue of this process (one per process; Next.js may load this module twice). */
export function getBoss(): Promise<PgBoss> {
  globalForBoss.__rostersyncBoss ??= startBoss().catch((error: unknown) => {
    globalForBoss.__rostersyncBoss = undefined;
    throw error;
  });
  return globalForBoss.__rostersyncBoss;
}

/**
 * Stops the job queue: workers take no new job, jobs in hand get `timeoutMs` to finish, and any
 * still running then are failed back to the queue (retried by another worker).
 */
export async function stopBoss(timeoutMs = 30_000): Promise<void> {
  const current = globalForBoss.__rostersyncBoss;
  globalForBoss.__rostersyncBoss = undefined;
  if (!current) return;
  const boss = await current.catch(() => null);
  if (!boss) return;
  // `wait`: answers once the jobs in hand have finished or been failed back, and the pool closed.
  await boss
    .stop({ graceful: true, timeout: timeoutMs, close: true, wait: true })
    .catch((error: unknown) => log.error("job queue did not stop cleanly", { error }));
}

/** Puts a job on a queue; answers its id, or null when the queue's policy refused a duplicate. */
export async function enqueue<Q extends QueueName>(
  queue: Q,
  payload: Payload<Q>,
  options: PgBoss.SendOptions = {},
): Promise<string | null> {
  const data = queues[queue].payload.parse(payload) as object;
  return (await getBoss()).send(queue, data, options);
}

/**
 * Puts many jobs on one queue in one statement (the nightly pass: hundreds of sources); answers
 * the ids of those the queue's policy took, as given in `id`.
 */
export async function enqueueMany<Q extends QueueName>(
  queue: Q,
  jobs: Array<{ id: string; payload: Payload<Q>; singletonKey?: string }>,
): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  const rows = jobs.map((job) => ({
    id: job.id,
    name: queue,
    data: queues[queue].payload.parse(job.payload) as object,
    ...(job.singletonKey ? { singletonKey: job.singletonKey } : {}),
  }));
  const boss = await getBoss();
  await boss.insert(rows); // pg-boss answers nothing here: the ids tell which the policy took
  const { rows: taken } = await boss
    .getDb()
    .executeSql(`select id from ${JOB_SCHEMA}.job where name = $1 and id = any($2::uuid[])`, [
      queue,
      jobs.map((job) => job.id),
    ]);
  return new Set((taken as { id: string }[]).map((row) => row.id));
}
