import { describe, expect, it } from "vitest";
import { JOB_SCHEMA, JOB_SCHEMA_VERSION, getDb, migrateDatabase, rowsOf } from "@/db/client";
import { sql } from "drizzle-orm";
import { getBoss } from "./boss";
import { queueNames } from "./queues";

// The job queue on this test's database (PostgreSQL or embedded PGlite): installed by our
// migrations, its queues created on start, a job sent is worked and completed.

describe("job queue", () => {
  it("is installed by our migrations at pg-boss's schema version, and migrating again changes nothing", async () => {
    await migrateDatabase();
    const db = await getDb();
    const [row] = rowsOf<{ version: string }>(await db.execute(sql.raw(`select version from ${JOB_SCHEMA}.version`)));
    expect(Number(row?.version)).toBe(JOB_SCHEMA_VERSION);
  });

  it("creates every queue on start, and a job sent is worked once and completed", async () => {
    const boss = await getBoss();
    for (const name of queueNames) expect(await boss.getQueue(name)).toMatchObject({ name });
    await boss.createQueue("test-echo");
    const seen: unknown[] = [];
    await boss.work("test-echo", { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      seen.push(job?.data);
    });
    const id = await boss.send("test-echo", { hello: "world" });
    expect(id).toBeTruthy();
    await expect
      .poll(async () => (await boss.getJobById("test-echo", id!))?.state, { timeout: 15_000 })
      .toBe("completed");
    expect(seen).toEqual([{ hello: "world" }]);
    await boss.offWork("test-echo");
  });
});
