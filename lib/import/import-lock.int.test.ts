import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { getImportRecord, lockOrganizationImports } from "@/db/queries/import-records";
import { runWorker, type RunningWorker } from "@/lib/jobs/run-worker";
import { makeOrganization } from "@/tests/support/factories";
import { activeIds, combinedCsv, grid } from "@/tests/support/roster-files";
import { queueImport } from "./queue-import";

// One organization's imports take one connection at a time (docs/decisions.md "Job queue"): while
// another process holds the organization's import lock, three queued imports of it, with a worker
// free to run three jobs at once, put ONE connection on the lock, not three; released, all three
// apply in the order queued. PostgreSQL only: PGlite has a single connection, and no
// pg_stat_activity of other sessions.

const onPostgres = Boolean(process.env.DATABASE_URL);

async function advisoryWaiters(): Promise<number> {
  const db = await getDb();
  const [row] = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`,
    ),
  );
  return row?.n ?? 0;
}

let worker: RunningWorker | null = null;
afterEach(async () => {
  await worker?.stop();
  worker = null;
});

describe.runIf(onPostgres)("the organization's import lock", () => {
  it("keeps one connection waiting per organization, and the waiting imports all apply in turn", async () => {
    const org = (await makeOrganization()).organization;
    const db = await getDb();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Another process's import: holds the lock until released.
    const other = db.transaction(async (tx) => {
      await lockOrganizationImports(tx, org.id);
      locked();
      await released;
    });
    await isLocked;

    const queued: Array<{ id: string }> = [];
    for (const school of ["101", "202", "303"]) {
      queued.push(
        await queueImport(db, {
          organizationId: org.id,
          kind: "combined",
          source: "api",
          fileName: `${school}.csv`,
          bytes: combinedCsv(grid(school, 1, 2)),
          actor: { label: "test" },
          mode: "apply",
          thresholdPercent: org.deactivationThresholdPercent,
        }),
      );
    }
    worker = await runWorker({ queues: ["import", "import-failed"], concurrency: { import: 3 } });
    let waiters = 0;
    for (let i = 0; i < 100 && waiters === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      waiters = await advisoryWaiters();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // time for more to queue, were they to
    const settled = await advisoryWaiters();
    release();
    await other;

    expect(waiters).toBe(1);
    expect(settled).toBe(1);
    const statuses = async () =>
      Promise.all(queued.map(async (q) => (await getImportRecord(db, org.id, q.id))?.status));
    await expect.poll(statuses, { timeout: 45_000, interval: 200 }).toEqual(["applied", "applied", "applied"]);
    // Each file names its own school, so all three are there, in turn.
    expect((await activeIds(org.id)).classes).toEqual(["101-C1", "202-C1", "303-C1"]);
  });
});
