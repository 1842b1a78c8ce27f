// `npm run test:reliability`: runs every reliability and security test (scripts/reliability/report.ts
// lists them by area), then rewrites the generated block of the README's "Reliability and
// security" section with the figures of this run.
//
//   npm run test:reliability -- [--no-readme] [--load-duration 120] [--load-baseline 10]
//
// Integration tests run on DATABASE_URL's PostgreSQL when set, else on embedded PGlite; the
// browser specs build the app unless E2E_SKIP_BUILD=1; the load test (scripts/load) then runs on
// that build, for --load-duration seconds after a --load-baseline seconds no-load baseline (CI
// shortens both). Reports land in reports/reliability/
// (gitignored); the block also goes to reports/reliability/summary.md. The README is rewritten
// only when every step passed and --no-readme is not given (CI passes it). Exit 1 when a step failed.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { LoadReport } from "../load/report";
import { areaFiles, areaRows, playwrightOutcomes, renderReliability, replaceBlock, vitestOutcomes } from "./report";

const root = process.cwd();
const reports = path.join(root, "reports", "reliability");
const { values: options } = parseArgs({
  options: {
    "no-readme": { type: "boolean", default: false },
    "load-duration": { type: "string", default: "120" },
    "load-baseline": { type: "string", default: "10" },
  },
});

function step(title: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

/** A reporter's JSON, or null when the run died before writing it (then the step failed too). */
const readJson = <T>(file: string): T | null =>
  existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;

const started = Date.now();
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestJson = path.join(reports, "vitest.json");
const playwrightJson = path.join(reports, "playwright.json");
const loadJson = path.join(reports, "load.json");

const results = [
  step("integration tests", "npx", [
    "vitest",
    "run",
    "--project",
    "integration",
    ...areaFiles("vitest"),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestJson}`,
  ]),
  step("browser", "node", ["e2e/support/ensure-browser.mjs"]) &&
    step("browser tests", "npx", ["playwright", "test", ...areaFiles("playwright")], {
      PLAYWRIGHT_JSON_FILE: playwrightJson,
    }),
  step("load test", "npx", [
    "tsx",
    "scripts/load/run.ts",
    "--skip-build",
    `--duration=${options["load-duration"]}`,
    `--baseline=${options["load-baseline"]}`,
    `--json=${loadJson}`,
  ]),
];

const vitestReport = readJson<Parameters<typeof vitestOutcomes>[0]>(vitestJson);
const playwrightReport = readJson<Parameters<typeof playwrightOutcomes>[0]>(playwrightJson);
const outcomes = [
  ...(vitestReport ? vitestOutcomes(vitestReport, root) : []),
  ...(playwrightReport ? playwrightOutcomes(playwrightReport, root) : []),
];
const block = renderReliability(
  areaRows(outcomes),
  {
    date: new Date().toISOString().slice(0, 10),
    cpus: os.availableParallelism(),
    database: process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite",
    totalSeconds: (Date.now() - started) / 1000,
  },
  readJson<LoadReport>(loadJson),
);
writeFileSync(path.join(reports, "summary.md"), `${block}\n`);
console.log(`\n${block}`);

const passed = results.every(Boolean) && outcomes.every((o) => o.status !== "failed");
if (!passed) {
  console.error("\nA reliability step failed: README.md not updated.");
  process.exit(1);
}
if (!options["no-readme"]) {
  const readme = path.join(root, "README.md");
  writeFileSync(readme, replaceBlock(readFileSync(readme, "utf8"), block));
  console.log("\nREADME.md: the generated reliability block was rewritten.");
}
