import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { describe, expect, it } from "vitest";

// Two instances starting together both migrate (the server on start, every CLI command before it
// runs). Drizzle's migrator takes no lock, so they raced; migrateDatabase now holds a PostgreSQL
// advisory lock around it. Three processes migrate one fresh database at once: all succeed, and
// every migration is applied once. PostgreSQL only (an embedded PGlite data dir opens in one
// process at a time).

const run = promisify(execFile);
const onPostgres = Boolean(process.env.DATABASE_URL);

describe.runIf(onPostgres)("migrations", () => {
  it("three processes migrating one fresh database at once all succeed, and each migration is applied once", async () => {
    const testUrl = new URL(process.env.DATABASE_URL ?? "");
    const name = `${testUrl.pathname.slice(1)}_fresh`;
    const admin = postgres(testUrl.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const fresh = new URL(testUrl);
    fresh.pathname = `/${name}`;
    try {
      const bin = path.resolve("bin/rostersync.js");
      const runs = await Promise.all(
        [1, 2, 3].map(() =>
          run("node", [bin, "db:migrate"], { env: { ...process.env, DATABASE_URL: fresh.toString() } }).then(
            () => ({ code: 0, stderr: "" }),
            (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
          ),
        ),
      );
      expect(runs).toEqual([
        { code: 0, stderr: "" },
        { code: 0, stderr: "" },
        { code: 0, stderr: "" },
      ]);
      const journal = JSON.parse(readFileSync(path.resolve("db/migrations/meta/_journal.json"), "utf8")) as {
        entries: unknown[];
      };
      const db = postgres(fresh.toString(), { max: 1, onnotice: () => {} });
      try {
        const [row] = await db<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
        expect(row?.n).toBe(journal.entries.length);
      } finally {
        await db.end();
      }
    } finally {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }, 180_000);
});
