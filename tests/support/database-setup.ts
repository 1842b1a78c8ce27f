// Gives each integration test file its own empty, migrated database: a new database on the
// DATABASE_URL server (dropped afterwards), or an in-memory PGlite when DATABASE_URL is unset.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll } from "vitest";

const serverUrl = process.env.DATABASE_URL;
let dropDatabase: (() => Promise<void>) | undefined;

if (serverUrl) {
  const name = `rostersync_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const conn = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await conn.unsafe(`drop database if exists "${name}" with (force)`);
    await conn.end();
  };
} else {
  process.env.PGLITE_DIR = "memory://";
}

const { closeDb, migrateDatabase } = await import("@/db/client");
await migrateDatabase();

afterAll(async () => {
  await closeDb();
  await dropDatabase?.();
});
