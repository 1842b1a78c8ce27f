import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningWorker } from "@/lib/jobs/run-worker";

// The nightly pass through the job queue, on PostgreSQL or embedded PGlite as the run is: the pass
// only enqueues (one job per due source, once), a worker pulls and imports; a retried job takes
// its dead worker's lease over; housekeeping expires previews and purges staged rows.

process.env.NIGHTLY_DROP_ROOT = mkdtempSync(path.join(os.tmpdir(), "rostersync-drop-"));
const { getDb, rowsOf } = await import("@/db/client");
const { listImports } = await import("@/db/queries/imports");
const { claimNightlySource, getNightlySource } = await import("@/db/queries/nightly-sources");
const { getBoss } = await import("@/lib/jobs/boss");
const { runWorker } = await import("@/lib/jobs/run-worker");
const { runHousekeeping } = await import("@/lib/jobs/housekeeping");
const { makeOrganization } = await import("@/tests/support/factories");
const { dropFile, makeSource, orgFolder } = await import("@/tests/support/nightly");
const { combinedCsv, countRows, grid } = await import("@/tests/support/roster-files");
const { enqueueNightlyPass } = await import("./enqueue-nightly-pass");
const { runNightlyJob } = await import("./run-nightly-job");
const { queueImport } = await import("@/lib/import/queue-import");
const { imports, importStagedRows } = await import("@/db/schema");
const { eq, sql } = await import("drizzle-orm");

let worker: RunningWorker | null = null;
afterEach(async () => {
  await worker?.stop();
  worker = null;
});

const now = () => new Date();

async function nightlyJobs(sourceId: string) {
  await getBoss();
  const result = await (
    await getDb()
  ).execute(
    sql`select state from pgboss.job where name = 'nightly' and singleton_key = ${sourceId} order by created_on`,
  );
  return rowsOf<{ state: string }>(result).map((row) => row.state);
}

describe("the nightly queue", () => {
  it("a pass only enqueues one job per due source (once), and a worker imports each file once", async () => {
    const { organization } = await makeOrganization();
    const source = await makeSource(organization, { name: "Combined nightly" });
    await makeSource(organization, { name: "Staff nightly", kind: "staff", folderPath: "staff" });
    const file = dropFile(orgFolder(organization.slug), "roster.csv", combinedCsv(grid("101", 1, 2)), now(), 5);
    const db = await getDb();

    const started = Date.now();
    const lines = (await enqueueNightlyPass(db, { now })).filter((line) => line.organization === organization.slug);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(lines.map((line) => [line.source, line.outcome])).toEqual([
      ["Combined nightly", "queued"],
      ["Staff nightly", "queued"],
    ]);
    expect(existsSync(file)).toBe(true); // nothing pulled yet
    expect(await countRows("students", organization.id)).toBe(0);
    const again = (await enqueueNightlyPass(db, { now })).filter((line) => line.organization === organization.slug);
    expect(again.map((line) => line.outcome)).toEqual(["already_queued", "already_queued"]);
    expect(await nightlyJobs(source.id)).toEqual(["created"]);

    worker = await runWorker({ queues: ["nightly"] });
    await expect.poll(() => existsSync(file), { timeout: 30_000, interval: 250 }).toBe(false);
    await expect.poll(() => nightlyJobs(source.id), { timeout: 30_000, interval: 250 }).toEqual(["completed"]);
    const list = await listImports(db, organization.id, {});
    expect(list.map((item) => [item.source, item.status])).toEqual([["nightly", "applied"]]);
    expect(await countRows("students", organization.id)).toBe(2);
    const after = (await enqueueNightlyPass(db, { now })).filter((line) => line.organization === organization.slug);
    expect(after.find((line) => line.source === "Combined nightly")?.outcome).toBe("not_due");
  }, 90_000);

  it("a retried job takes over its own lease (its worker died); another pass's lease keeps it out", async () => {
    const { organization } = await makeOrganization();
    const source = await makeSource(organization);
    const file = dropFile(orgFolder(organization.slug), "roster.csv", combinedCsv(grid("201", 1, 3)), now(), 5);
    const db = await getDb();
    const deadJob = crypto.randomUUID();
    const lease = { token: deadJob, now: now(), until: new Date(Date.now() + 30 * 60_000), cycleStart: null };
    expect(await claimNightlySource(db, organization.id, source.id, lease)).toBe(true); // the worker that died

    await runNightlyJob(
      { organizationId: organization.id, sourceId: source.id },
      {
        db,
        jobId: crypto.randomUUID(),
        retryCount: 0,
      },
    );
    expect(existsSync(file)).toBe(true);
    expect((await getNightlySource(db, organization.id, source.id))?.lastMessage).toBeNull();

    await runNightlyJob(
      { organizationId: organization.id, sourceId: source.id },
      { db, jobId: deadJob, retryCount: 1 },
    );
    expect(existsSync(file)).toBe(false);
    expect(await countRows("students", organization.id)).toBe(3);
    const list = await listImports(db, organization.id, {});
    expect(list.map((item) => item.status)).toEqual(["applied"]);
  }, 60_000);

  it("housekeeping purges the staged rows no import needs; a queued import keeps its rows", async () => {
    const { organization } = await makeOrganization();
    const db = await getDb();
    const input = {
      organizationId: organization.id,
      kind: "combined" as const,
      source: "api" as const,
      fileName: "r.csv",
      actor: { label: "test" },
      mode: "apply" as const,
      thresholdPercent: 100,
    };
    const queued = await queueImport(db, { ...input, bytes: combinedCsv(grid("301", 1, 2)) });
    const done = await queueImport(db, { ...input, bytes: combinedCsv(grid("302", 1, 2)) });
    await db.update(imports).set({ status: "discarded" }).where(eq(imports.id, done.id));
    const staged = async (importId: string) =>
      (await db.select().from(importStagedRows).where(eq(importStagedRows.importId, importId))).length;
    expect(await staged(done.id)).toBeGreaterThan(0);

    const result = await runHousekeeping(db);
    expect(result.purged).toBeGreaterThanOrEqual(1);
    expect(await staged(done.id)).toBe(0);
    expect(await staged(queued.id)).toBeGreaterThan(0); // a queued import keeps its rows
  }, 60_000);
});
