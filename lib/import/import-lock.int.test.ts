import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { lockOrganizationImports } from "@/db/queries/import-records";
import { makeOrganization } from "@/tests/support/factories";
import { activeIds, combinedCsv, grid, importBytes } from "@/tests/support/roster-files";

// Imports of one organization wait for their turn in the process before they take a pooled
// connection (lib/import/organization-turns.ts): while another process holds the organization's
// import lock, three concurrent imports put ONE connection on the lock, not three. PostgreSQL
// only: PGlite has a single connection, and no pg_stat_activity of other sessions.

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

describe.runIf(onPostgres)("the organization's import lock", () => {
  it("keeps one connection waiting per organization, and the waiting imports all apply in turn", async () => {
    const org = (await makeOrganization()).organization.id;
    const db = await getDb();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Another process's import: holds the lock until released.
    const other = db.transaction(async (tx) => {
      await lockOrganizationImports(tx, org);
      locked();
      await released;
    });
    await isLocked;

    const imports = ["101", "202", "303"].map((school) => importBytes(org, combinedCsv(grid(school, 1, 2))));
    let waiters = 0;
    for (let i = 0; i < 50 && waiters === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      waiters = await advisoryWaiters();
    }
    await new Promise((resolve) => setTimeout(resolve, 500)); // time for more to queue, were they to
    const settled = await advisoryWaiters();
    release();
    await other;
    const results = await Promise.all(imports);

    expect(waiters).toBe(1);
    expect(settled).toBe(1);
    expect(results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    // Each file names its own school, so all three are there, in turn.
    expect((await activeIds(org)).classes).toEqual(["101-C1", "202-C1", "303-C1"]);
  });
});
