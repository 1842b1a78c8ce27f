// A new, empty database that is dropped when done: one per integration test file
// (tests/support/database-setup.ts), per bench run (scripts/bench/run.ts) and per load-test phase
// (scripts/load/database.ts).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export type ThrowawayDatabase = {
  /** What to put in the environment of this process (or of a server) to use it. */
  env: { DATABASE_URL: string } | { PGLITE_DIR: string };
  /** PostgreSQL: the database's name and URL; null on PGlite. */
  postgres: { name: string; url: string } | null;
  /** Where it is, for a log line. */
  label: string;
  /** Drops the database (deletes the PGlite data dir). Safe to call twice. */
  drop: () => Promise<void>;
};

/**
 * With `serverUrl`: a database `<prefix>_<random>` created on that PostgreSQL server. Without:
 * PGlite, in memory (`pglite: "memory"`) or in a new directory in the OS temp dir.
 */
export async function createThrowawayDatabase(
  serverUrl: string | undefined,
  options: { prefix: string; pglite: "memory" | "directory" },
): Promise<ThrowawayDatabase> {
  if (!serverUrl) {
    if (options.pglite === "memory") {
      return { env: { PGLITE_DIR: "memory://" }, postgres: null, label: "PGlite in memory", drop: async () => {} };
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), `${options.prefix.replaceAll("_", "-")}-`));
    const dataDir = path.join(dir, "pglite");
    return {
      env: { PGLITE_DIR: dataDir },
      postgres: null,
      label: `PGlite data dir ${dataDir}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `${options.prefix}_${randomBytes(5).toString("hex")}`.slice(0, 63);
  await onServer(serverUrl, (sql) => sql.unsafe(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    postgres: { name, url: url.toString() },
    label: `PostgreSQL database "${name}" on ${url.host}`,
    drop: () => onServer(serverUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`)),
  };
}

async function onServer(serverUrl: string, run: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
