import { eq, sql } from "drizzle-orm";
import { JOB_SCHEMA, rowsOf, type Executor } from "@/db/client";
import { jobHeartbeats } from "@/db/schema/jobs";

// Heartbeats of running jobs, and the jobs whose worker stopped beating (lib/jobs/dead-jobs.ts).
// Every time is the database's now(): workers on other machines compare with the same clock.

/** The job's worker is alive: its beat is now. */
export async function beatJob(db: Executor, queue: string, jobId: string): Promise<void> {
  await db
    .insert(jobHeartbeats)
    .values({ jobId, queue, beatAt: sql`now()` })
    .onConflictDoUpdate({ target: jobHeartbeats.jobId, set: { beatAt: sql`now()` } });
}

/** The job ended (completed or failed by its worker): no more beats. */
export async function endJobHeartbeat(db: Executor, jobId: string): Promise<void> {
  await db.delete(jobHeartbeats).where(eq(jobHeartbeats.jobId, jobId));
}

export type DeadJob = { name: string; id: string };

/**
 * Jobs of `queues` still active in the job queue whose worker has not beaten for `staleSeconds`:
 * neither since the job started (a retry starts anew: its dead predecessor's beat does not count
 * against it) nor since its last beat. Jobs in `runningHere` are never dead.
 */
export async function findDeadJobs(
  db: Executor,
  rule: { queues: readonly string[]; staleSeconds: number; runningHere: readonly string[] },
): Promise<DeadJob[]> {
  if (rule.queues.length === 0) return [];
  return rowsOf<DeadJob>(
    await db.execute(sql`
      select job.name, job.id::text as id
      from ${sql.raw(JOB_SCHEMA)}.job job
      left join job_heartbeats beat on beat.job_id = job.id
      where job.name in ${sql`(${sql.join(
        rule.queues.map((queue) => sql`${queue}`),
        sql`, `,
      )})`}
        and job.state = 'active'
        and greatest(job.started_on, beat.beat_at) < now() - make_interval(secs => ${rule.staleSeconds})
        and not (job.id = any(${`{${rule.runningHere.join(",")}}`}::uuid[]))
      order by job.started_on`),
  );
}

/** Heartbeats of jobs no longer active (their worker died, and the job was failed or completed since). */
export async function deleteOrphanHeartbeats(db: Executor): Promise<number> {
  const deleted = rowsOf<{ job_id: string }>(
    await db.execute(sql`
      delete from job_heartbeats beat
      where not exists (
        select 1 from ${sql.raw(JOB_SCHEMA)}.job job where job.id = beat.job_id and job.state = 'active'
      )
      returning job_id`),
  );
  return deleted.length;
}

/**
 * Takes, until the transaction ends, the lock that lets one process at a time fail dead jobs
 * (PostgreSQL): false when another process holds it (and is doing the check now).
 */
export async function tryLockDeadJobCheck(tx: Executor): Promise<boolean> {
  const [row] = rowsOf<{ locked: boolean }>(
    await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext('rostersync:dead-jobs')) as locked`),
  );
  return row?.locked === true;
}
