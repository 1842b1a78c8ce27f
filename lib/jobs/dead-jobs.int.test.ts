import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { JOB_SCHEMA, getDb, rowsOf } from "@/db/client";
import { beatJob } from "@/db/queries/job-heartbeats";
import { imports } from "@/db/schema";
import { STOPPED_TWICE_MESSAGE } from "@/lib/import/run-queued-import";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, countRows, grid } from "@/tests/support/roster-files";
import { queueApplyImport, settledImport } from "@/tests/support/import-queue";
import { getBoss } from "./boss";
import { failDeadJobs, withJobHeartbeat } from "./dead-jobs";
import { runWorker, type RunningWorker } from "./run-worker";

// A job whose worker died (stopped beating without finishing) is failed back to its queue within
// IMPORT_STALE_AFTER_SECONDS, not after its expiry (IMPORT_JOB_TIMEOUT_SECONDS, 900 s here as by
// default); a live worker, however slow, keeps its job. A beat every second and a 3-second stale
// window here (the defaults are 10 and 60), on PostgreSQL or embedded PGlite.

vi.hoisted(() => {
  process.env.IMPORT_HEARTBEAT_SECONDS = "1";
  process.env.IMPORT_STALE_AFTER_SECONDS = "3";
  delete process.env.IMPORT_JOB_TIMEOUT_SECONDS;
});

const STALE_SECONDS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let worker: RunningWorker | null = null;
afterEach(async () => {
  await worker?.stop();
  worker = null;
});

/** Plays a worker in another process that takes the import job and its import, beats once, and dies. */
async function takeAndDie(importId: string) {
  const boss = await getBoss();
  const db = await getDb();
  const [taken] = await boss.fetch("import");
  expect(taken).toBeTruthy();
  await db.update(imports).set({ status: "processing" }).where(eq(imports.id, importId));
  await beatJob(db, "import", taken!.id);
  return taken!;
}

/** Makes the job's start and last beat `seconds` old, as if its worker had died then. */
async function ageJob(jobId: string, seconds: number) {
  const db = await getDb();
  const ago = sql`now() - make_interval(secs => ${seconds})`;
  await db.execute(sql`update ${sql.raw(JOB_SCHEMA)}.job set started_on = ${ago} where id = ${jobId}`);
  await db.execute(sql`update job_heartbeats set beat_at = ${ago} where job_id = ${jobId}`);
}

async function jobOf(id: string) {
  const [row] = rowsOf<{ state: string; retry_count: number }>(
    await (await getDb()).execute(sql`select state, retry_count from ${sql.raw(JOB_SCHEMA)}.job where id = ${id}`),
  );
  return row;
}

describe("jobs whose worker died", () => {
  it("a dead worker's import job is retried within the stale window, not after its expiry, and applied once", async () => {
    const boss = await getBoss();
    expect((await boss.getQueue("import"))?.expireInSeconds).toBe(900);
    const { organization } = await makeOrganization();
    const queued = await queueApplyImport(organization.id, combinedCsv(grid("100", 2, 7)));
    const taken = await takeAndDie(queued.id);
    const died = performance.now();

    worker = await runWorker({ queues: ["import", "import-failed"] });
    const done = await settledImport(organization.id, queued.id, 30_000);
    const seconds = (performance.now() - died) / 1_000;
    expect(done.status).toBe("applied");
    expect(seconds).toBeGreaterThanOrEqual(STALE_SECONDS - 0.5);
    expect(seconds).toBeLessThan(30);
    expect(await countRows("students", organization.id)).toBe(7);
    await expect.poll(async () => jobOf(taken.id)).toEqual({ state: "completed", retry_count: 1 });
    const applied = await (
      await getDb()
    )
      .select({ id: imports.id })
      .from(imports)
      .where(eq(imports.organizationId, organization.id));
    expect(applied).toHaveLength(1);
  });

  it("a job failed back goes to retry; dead twice, its import is marked failed with the reason", async () => {
    const boss = await getBoss();
    const db = await getDb();
    const { organization } = await makeOrganization();
    const queued = await queueApplyImport(organization.id, combinedCsv(grid("200", 2, 7)));

    const first = await takeAndDie(queued.id);
    expect(await failDeadJobs(db, boss)).toEqual([]); // not stale yet
    await ageJob(first.id, STALE_SECONDS + 1);
    expect(await failDeadJobs(db, boss)).toEqual([{ name: "import", id: first.id }]);
    expect(await jobOf(first.id)).toEqual({ state: "retry", retry_count: 0 }); // counted when taken again

    const second = await takeAndDie(queued.id);
    expect(second.id).toBe(first.id); // a retry is the same job
    expect(await failDeadJobs(db, boss)).toEqual([]); // started anew: the old beat does not count
    await ageJob(second.id, STALE_SECONDS + 1);
    expect(await failDeadJobs(db, boss)).toEqual([{ name: "import", id: first.id }]);
    expect(await jobOf(first.id)).toEqual({ state: "failed", retry_count: 1 });

    worker = await runWorker({ queues: ["import", "import-failed"] });
    const done = await settledImport(organization.id, queued.id, 30_000);
    expect(done.status).toBe("failed");
    expect(done.issues.map((issue) => issue.message)).toEqual([STOPPED_TWICE_MESSAGE]);
    expect(await countRows("students", organization.id)).toBe(0);
    const [beats] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from job_heartbeats where job_id = ${first.id}`),
    );
    expect(beats?.n).toBe(0); // the dead worker's beats are cleared
  });

  it("a live worker slower than the stale window keeps its job: it beats, and another process sees it alive", async () => {
    const boss = await getBoss();
    const db = await getDb();
    const { organization } = await makeOrganization();
    await boss.send("import", { organizationId: organization.id }, { singletonKey: organization.id });
    const [job] = await boss.fetch("import");
    expect(job).toBeTruthy();

    const failedBack: unknown[] = [];
    await withJobHeartbeat(db, "import", job!.id, async () => {
      const until = performance.now() + (STALE_SECONDS * 2 + 1) * 1_000;
      while (performance.now() < until) {
        // Another process's check: it knows nothing of this process's jobs but their beats.
        failedBack.push(...(await failDeadJobs(db, boss, { runningHere: [] })));
        expect((await jobOf(job!.id))?.state).toBe("active");
        await sleep(250);
      }
    });
    expect(failedBack).toEqual([]);
    await boss.complete("import", job!.id);
    expect((await jobOf(job!.id))?.state).toBe("completed");
  });

  it("a job this process runs is never failed by it, even when its beats wait (PGlite's one connection)", async () => {
    const boss = await getBoss();
    const db = await getDb();
    const { organization } = await makeOrganization();
    await boss.send("import", { organizationId: organization.id }, { singletonKey: organization.id });
    const [job] = await boss.fetch("import");

    await withJobHeartbeat(db, "import", job!.id, async () => {
      // A long transaction holds the connection (on PGlite, the only one) past the stale window
      // while a check is waiting; then the beats are older than the window, as if held up.
      const check = sleep(100).then(() => failDeadJobs(db, boss));
      await db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await sleep((STALE_SECONDS + 1) * 1_000);
      });
      expect(await check).toEqual([]);
      await ageJob(job!.id, STALE_SECONDS + 1);
      expect(await failDeadJobs(db, boss)).toEqual([]);
      expect((await jobOf(job!.id))?.state).toBe("active");
    });
    await boss.complete("import", job!.id);
  });
});
