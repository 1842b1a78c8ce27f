import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, JOB_SCHEMA, migrateDatabase, rowsOf } from "@/db/client";

// Every CLI command migrates before it runs. pg-boss (and its `pg` driver) took ~60 ms of each
// start-up to load, so it is imported only when the job queue's tables need installing or
// migrating: on a database already up to date it is never loaded.

const loaded = vi.hoisted(() => ({ pgBoss: 0 }));
vi.mock("pg-boss", async (original) => {
  loaded.pgBoss += 1;
  return original();
});

describe("migrating a database whose job queue is current", () => {
  it("does not load pg-boss, and loads it when the queue's tables must be installed", async () => {
    const db = await getDb(); // opened and migrated (the test database starts migrated)
    await migrateDatabase();
    expect(loaded.pgBoss).toBe(0);

    await db.execute(sql.raw(`drop schema ${JOB_SCHEMA} cascade`));
    await migrateDatabase();
    expect(loaded.pgBoss).toBe(1);
    const [row] = rowsOf<{ name: string | null }>(
      await db.execute(sql.raw(`select to_regclass('${JOB_SCHEMA}.job')::text as name`)),
    );
    expect(row?.name).toBe(`${JOB_SCHEMA}.job`);
  });
});
