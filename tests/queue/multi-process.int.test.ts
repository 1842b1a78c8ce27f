import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FleetProcess } from "@/scripts/queue/fleet";

// The job queue across processes, on PostgreSQL (skipped on PGlite: one process owns its data
// dir): one web server answering /api/cron/nightly and two `rostersync worker` processes on this
// file's database; 50 organizations with a drop-folder source and a file each. One cron call
// answers in under a second having only enqueued; `kill -9` of one worker while both are busy →
// its job stops beating and is retried on the other within the stale window (the 900-second
// expiry left as it is by default); every file is imported exactly once (one applied
// import per organization, nothing applied twice) and every roster equals a one-at-a-time replay
// of the same files in this process.

const ORGANIZATIONS = 50;
const STALE_SECONDS = 5;
const SECRET = "multi-process-cron-secret-0123456789";
process.env.NIGHTLY_DROP_ROOT = mkdtempSync(path.join(os.tmpdir(), "rostersync-fleet-drop-"));
const onPostgres = Boolean(process.env.DATABASE_URL);

const { getDb, rowsOf } = await import("@/db/client");
const { sql } = await import("drizzle-orm");
const { makeOrganization } = await import("@/tests/support/factories");
const { dropFile, makeSource, orgFolder } = await import("@/tests/support/nightly");
const { combinedCsv, grid, importBytes } = await import("@/tests/support/roster-files");
const { startCronServer, startWorker } = await import("@/scripts/queue/fleet");

const processes: FleetProcess[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop("SIGKILL")));
});

/**
 * A roster file of its own for organization `i`: 3 classes, 30 to 79 students (small: the test is
 * about who runs each job, and it shares CI's two cores with the other test files).
 */
const fileOf = (i: number) => combinedCsv(grid(`S${i}`, 3, 30 + i));

async function rosterDigest(organizationId: string): Promise<string> {
  const [row] = rowsOf<{ students: string; classes: string; enrollments: string }>(
    await (
      await getDb()
    ).execute(sql`
      select
        (select string_agg(student_id || ':' || first_name || ':' || last_name || ':' || active, ',' order by student_id)
           from students where organization_id = ${organizationId}) as students,
        (select string_agg(class_id || ':' || name || ':' || active, ',' order by class_id)
           from classes where organization_id = ${organizationId}) as classes,
        (select string_agg(c.class_id || '/' || s.student_id || ':' || e.active, ',' order by c.class_id, s.student_id)
           from enrollments e join classes c on c.id = e.class_id join students s on s.id = e.student_id
           where e.organization_id = ${organizationId}) as enrollments`),
  );
  return JSON.stringify(row);
}

async function jobStates() {
  return rowsOf<{ id: string; state: string; retry_count: number; singleton_key: string; completed_on: Date }>(
    await (
      await getDb()
    ).execute(sql`select id, state, retry_count, singleton_key, completed_on from pgboss.job where name = 'nightly'`),
  );
}

async function databaseNow(): Promise<Date> {
  const [row] = rowsOf<{ now: Date }>(await (await getDb()).execute(sql`select now() as now`));
  return new Date(row!.now);
}

describe.skipIf(!onPostgres)("the job queue across processes (PostgreSQL)", () => {
  it("one web server, two workers, 50 organizations: a cron call answers at once, a killed worker's job completes on the other, each file imported once", async () => {
    const organizations = [];
    for (let i = 1; i <= ORGANIZATIONS; i++) {
      const { organization } = await makeOrganization();
      await makeSource(organization, { name: "SIS nightly", filePattern: "*.csv" });
      dropFile(orgFolder(organization.slug), "roster.csv", fileOf(i), new Date(), 5);
      organizations.push({ ...organization, i });
    }
    const env = {
      DATABASE_URL: process.env.DATABASE_URL,
      NIGHTLY_DROP_ROOT: process.env.NIGHTLY_DROP_ROOT,
      CRON_SECRET: SECRET,
      JOB_POLLING_SECONDS: "0.5",
      // A dead worker's job is retried once it has not beaten for this long (a live one beats every second).
      IMPORT_HEARTBEAT_SECONDS: "1",
      IMPORT_STALE_AFTER_SECONDS: String(STALE_SECONDS),
      LOG_LEVEL: "info",
    };
    const web = await startCronServer(env);
    processes.push(web);
    const [a, b] = await Promise.all([startWorker("worker-a", env), startWorker("worker-b", env)]);
    processes.push(a!, b!);

    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${web.port}/api/cron/nightly`, {
      headers: { authorization: `Bearer ${SECRET}` },
    });
    const answeredMs = performance.now() - started;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { sources: Array<{ outcome: string }> };
    expect(body.sources.filter((line) => line.outcome === "queued")).toHaveLength(ORGANIZATIONS);
    expect(answeredMs).toBeLessThan(1_000);

    // Kill one worker while both hold a job, some imports already done.
    await expect
      .poll(async () => (await jobStates()).filter((job) => job.state === "active").length, {
        timeout: 60_000,
        interval: 50,
      })
      .toBe(2);
    a!.child.kill("SIGKILL");
    await a!.exited;
    const killedAt = await databaseNow();

    await expect
      .poll(async () => (await jobStates()).filter((job) => job.state === "completed").length, {
        timeout: 240_000,
        interval: 500,
        message: "every nightly job completed",
      })
      .toBe(ORGANIZATIONS)
      .catch(async (error: unknown) => {
        // Say where it stood: the jobs by state and retries, and what the surviving worker logged last.
        const states = (await jobStates()).map((job) => `${job.state}/${job.retry_count}`);
        const counts = [...new Set(states)].map((state) => `${state}: ${states.filter((s) => s === state).length}`);
        throw new Error(
          `${String(error)}\njobs (state/retries): ${counts.join(", ")}\nworker-b:\n${b!.stderr().slice(-3_000)}`,
        );
      });
    const jobs = await jobStates();
    expect(jobs).toHaveLength(ORGANIZATIONS); // one job per source, none sent twice
    const retried = jobs.filter((job) => job.retry_count === 1);
    expect(retried).toHaveLength(1); // the killed worker's, done by the other
    // Retried and done within a minute of the kill, not after the job's 900-second expiry.
    const retriedSeconds = (new Date(retried[0]!.completed_on).getTime() - killedAt.getTime()) / 1_000;
    expect(retriedSeconds).toBeGreaterThan(STALE_SECONDS - 1);
    expect(retriedSeconds).toBeLessThan(60);
    console.info(
      `[multi-process] the killed worker's job completed on the other ${retriedSeconds.toFixed(1)} s after the kill`,
    );

    const db = await getDb();
    const imports = rowsOf<{ organization_id: string; status: string; failure_message: string | null }>(
      await db.execute(sql`select organization_id, status, failure_message from imports where source = 'nightly'`),
    );
    for (const organization of organizations) {
      const mine = imports.filter((record) => record.organization_id === organization.id);
      expect({ slug: organization.slug, applied: mine.filter((r) => r.status === "applied").length }).toEqual({
        slug: organization.slug,
        applied: 1,
      });
      // At most the killed worker's own import, failed as interrupted (rolled back: nothing applied).
      expect(mine.filter((r) => r.status !== "applied").every((r) => r.status === "failed")).toBe(true);
      expect(readdirSync(orgFolder(organization.slug)).filter((name) => name.endsWith(".csv"))).toEqual([]);
    }
    expect(imports.filter((r) => r.status !== "applied").length).toBeLessThanOrEqual(1);

    // The rosters equal a one-at-a-time replay of the same files into fresh organizations.
    for (const organization of organizations) {
      const { organization: replay } = await makeOrganization();
      const result = await importBytes(replay.id, fileOf(organization.i));
      expect(result.status).toBe("applied");
      expect(await rosterDigest(organization.id)).toBe(await rosterDigest(replay.id));
    }
    expect(existsSync(process.env.NIGHTLY_DROP_ROOT!)).toBe(true);
    await Promise.all([web.stop(), b!.stop()]);
  }, 600_000);
});
