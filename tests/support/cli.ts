import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { closeDb, migrateDatabase } from "@/db/client";

// `npx rostersync …` as the operator runs it: a child process on the test file's database. An
// embedded data dir opens in one process at a time, so the test's own handle is closed before
// each run (its next query reopens it). On PGlite, point PGLITE_DIR at a temp dir first.

const run = promisify(execFile);
const bin = path.resolve("bin/rostersync.js");

export type CliRun = { code: number; stdout: string; stderr: string };

export async function cli(...args: string[]): Promise<CliRun> {
  await closeDb();
  try {
    const { stdout, stderr } = await run("node", [bin, ...args], {
      env: { ...process.env, NODE_ENV: "production" },
      maxBuffer: 256 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * For a test file that runs the CLI: on PGlite, a data dir of its own in a temp dir (migrated
 * before the first test, removed after the last); on PostgreSQL the file's database as it is.
 */
export function cliDatabasePerFile() {
  let tempDir: string | undefined;
  beforeAll(async () => {
    if (!process.env.DATABASE_URL) {
      await closeDb();
      tempDir = mkdtempSync(path.join(os.tmpdir(), "rostersync-cli-"));
      process.env.PGLITE_DIR = path.join(tempDir, "pglite");
      await migrateDatabase();
    }
  });
  afterAll(async () => {
    await closeDb();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });
}
