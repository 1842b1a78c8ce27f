import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { bigRosterXlsx } from "@/tests/support/big-xlsx";
import { unique } from "@/tests/support/factories";
import { freshBundle, MANIFEST } from "@/bin/cli-bundle.js";
import { buildCli } from "@/scripts/build-cli.mjs";

// The CLI compiled ahead of time (scripts/build-cli.mjs, run by `prepare`): it runs commands on
// the test file's database, starts the spreadsheet worker it was built with, and
// bin/rostersync.js takes it only while no source is newer than its build.

const root = path.resolve(".");
// Inside the project, so the bundle finds the packages in node_modules as dist/cli does.
const outdir = path.join(root, "dist", `cli-test-${unique()}`);
const work = mkdtempSync(path.join(os.tmpdir(), "rostersync-compiled-cli-"));
const run = promisify(execFile);

beforeAll(async () => {
  if (!process.env.DATABASE_URL) {
    await closeDb();
    process.env.PGLITE_DIR = path.join(work, "pglite");
  }
  await buildCli(root, outdir);
}, 120_000);

afterAll(async () => {
  await closeDb();
  rmSync(outdir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** Runs the compiled CLI's entry as bin/rostersync.js does once it found the bundle fresh. */
async function compiled(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  await closeDb(); // an embedded data dir opens in one process at a time
  const entry = pathToFileURL(path.join(outdir, "rostersync.mjs")).href;
  const runner = path.join(work, "run.mjs");
  writeFileSync(
    runner,
    `const { runCli } = await import(${JSON.stringify(entry)});\nprocess.exitCode = await runCli(process.argv.slice(2));\n`,
  );
  try {
    const { stdout, stderr } = await run("node", [runner, ...args], {
      env: { ...process.env, NODE_ENV: "production", ROSTERSYNC_ROOT: root },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the compiled CLI", { timeout: 120_000 }, () => {
  it("creates an organization, imports an XLSX through its own spreadsheet worker and lists it", async () => {
    const slug = `compiled-${unique()}`;
    expect(
      (await compiled("org:create", "--name", "Compiled", "--slug", slug, "--admin", "a@compiled.test")).code,
    ).toBe(0);
    const xlsx = path.join(work, "roster.xlsx");
    writeFileSync(xlsx, bigRosterXlsx(50).bytes);
    const imported = await compiled("import", xlsx, "--org", slug, "--json");
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: "applied", kind: "combined", rows: 50 });
    const listed = await compiled("imports", "--org", slug, "--json");
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).imports).toMatchObject([{ fileName: "roster.xlsx", status: "applied" }]);
  });

  it("answers a bad command like the sources do (exit 2, one JSON error)", async () => {
    const result = await compiled("nonsense", "--json");
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { code: "usage", message: expect.stringContaining("nonsense") },
    });
  });
});

describe("freshBundle", () => {
  it("takes the bundle only while every source is older than its build", () => {
    const fake = mkdtempSync(path.join(work, "root-"));
    const dir = path.join(fake, "dist", "cli");
    mkdirSync(path.join(fake, "lib"), { recursive: true });
    mkdirSync(dir, { recursive: true });
    const source = path.join(fake, "lib", "a.ts");
    writeFileSync(source, "export {};\n");
    const builtAt = Date.now();
    utimesSync(source, new Date(builtAt - 60_000), new Date(builtAt - 60_000));
    expect(freshBundle(fake)).toBeNull(); // not built
    writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ startedAt: builtAt, sources: ["lib/a.ts"] }));
    expect(freshBundle(fake)).toBe(path.join(dir, "rostersync.mjs"));
    utimesSync(source, new Date(builtAt + 1_000), new Date(builtAt + 1_000)); // edited after the build
    expect(freshBundle(fake)).toBeNull();
    writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ startedAt: builtAt, sources: ["lib/gone.ts"] }));
    expect(freshBundle(fake)).toBeNull(); // a source that is no longer there
    writeFileSync(path.join(dir, MANIFEST), "{");
    expect(freshBundle(fake)).toBeNull(); // a build that stopped half-way
  });

  it("the build's manifest lists the CLI's sources, the worker's and the bundled packages' files", async () => {
    const manifest = (await import(pathToFileURL(path.join(outdir, MANIFEST)).href, { with: { type: "json" } }))
      .default as { sources: string[] };
    expect(manifest.sources).toEqual(
      expect.arrayContaining([
        "lib/cli/run.ts",
        "lib/cli/main.ts",
        "lib/import/spreadsheet-worker.ts",
        "tsconfig.json",
      ]),
    );
    // A package upgraded after the build makes it stale too (PGlite stays in node_modules).
    expect(manifest.sources.some((source) => source.startsWith("node_modules/drizzle-orm/"))).toBe(true);
    expect(manifest.sources.some((source) => source.includes("@electric-sql/pglite"))).toBe(false);
  });
});
