// Gives each integration test file its own empty, migrated database: a new database on the
// DATABASE_URL server (dropped afterwards), or an in-memory PGlite when DATABASE_URL is unset
// (started from the migrated template tests/support/pglite-template.ts made once for the run).
import { afterAll } from "vitest";
import { createThrowawayDatabase } from "./throwaway-database";

const database = await createThrowawayDatabase(process.env.DATABASE_URL, {
  prefix: "rostersync_test",
  pglite: "memory",
});
Object.assign(process.env, database.env);

const { closeDb, migrateDatabase } = await import("@/db/client");
await migrateDatabase();

afterAll(async () => {
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss(5_000); // the job queue's pool (PostgreSQL) must close before the database is dropped
  await closeDb();
  await database.drop();
});
