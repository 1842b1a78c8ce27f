// The figures of `npm run test:reliability`, rendered as the README's generated block: one row
// per area (tests passed, failed, skipped, time) from the vitest and Playwright JSON reports, and
// the load test's table from its own JSON. Pure: run.ts reads the files and writes the README.

import path from "node:path";
import type { LoadReport } from "../load/report";

/** An area of the README's table and the test files (or folders, ending in "/") that prove it. */
export type Area = { area: string; files: string[] };

/** The load test's kinds of request, in the README's order. */
const LOAD_KINDS: Record<string, string> = {
  uploadApply: "upload + apply (under load)",
  importPages: "Import Details pages (under load)",
  rosterPages: "roster pages (under load)",
  "baseline:uploadApply": "upload + apply (no load)",
  "baseline:importPages": "Import Details pages (no load)",
  "baseline:rosterPages": "roster pages (no load)",
};

export const AREAS: Area[] = [
  { area: "Bad-input corpus", files: ["tests/bad-inputs/"] },
  {
    area: "Tenancy matrix (in-process, and every page of the build over HTTP)",
    files: ["tests/tenancy/", "e2e/tenancy.spec.ts"],
  },
  { area: "Hostile file names (browser)", files: ["e2e/upload-file-names.spec.ts"] },
  {
    area: "Privacy canary (in-process, and the real server's logs and temp files)",
    files: ["tests/privacy/", "e2e/privacy-canary.spec.ts"],
  },
  {
    area: "Faults (connection killed, server SIGKILLed, interrupted imports, import lock, Resend 5xx)",
    files: [
      "tests/faults/",
      "e2e/server-killed.spec.ts",
      "lib/import/interrupted-imports.int.test.ts",
      "lib/import/import-lock.int.test.ts",
      "lib/invitations/send-invitations.resend.int.test.ts",
    ],
  },
  {
    area: "Rate limits (sign-in links, invitations)",
    files: ["lib/auth/sign-in-rate-limits.int.test.ts", "lib/invitations/send-limits.int.test.ts"],
  },
  { area: "Security headers (browser)", files: ["e2e/security-headers.spec.ts"] },
];

/** Every file or folder the areas name: what run.ts passes to vitest and Playwright. */
export function areaFiles(kind: "vitest" | "playwright"): string[] {
  const isBrowser = (file: string) => file.startsWith("e2e/");
  return AREAS.flatMap((a) => a.files).filter((file) => (kind === "playwright" ? isBrowser(file) : !isBrowser(file)));
}

export type TestOutcome = { file: string; status: "passed" | "failed" | "skipped"; ms: number };

type VitestJson = {
  testResults: { name: string; assertionResults: { status: string; duration?: number | null }[] }[];
};

/** Outcomes from vitest's JSON reporter (`--reporter=json`), files relative to `root`. */
export function vitestOutcomes(report: VitestJson, root: string): TestOutcome[] {
  return report.testResults.flatMap((file) =>
    file.assertionResults.map((test) => ({
      file: path.relative(root, file.name),
      status: test.status === "passed" ? "passed" : test.status === "failed" ? "failed" : "skipped",
      ms: test.duration ?? 0,
    })),
  );
}

type PlaywrightSuite = {
  file: string;
  specs?: { tests: { results: { status: string; duration: number }[] }[] }[];
  suites?: PlaywrightSuite[];
};
type PlaywrightJson = { config: { rootDir: string }; suites: PlaywrightSuite[] };

/** Outcomes from Playwright's JSON reporter; its file names are relative to the test dir. */
export function playwrightOutcomes(report: PlaywrightJson, root: string): TestOutcome[] {
  const testDir = path.relative(root, report.config.rootDir);
  const walk = (suite: PlaywrightSuite): TestOutcome[] => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests.map((test) => {
        const last = test.results.at(-1);
        const status =
          last?.status === "passed" ? "passed" : last?.status === "skipped" || !last ? "skipped" : "failed";
        return { file: path.join(testDir, suite.file), status, ms: last?.duration ?? 0 } satisfies TestOutcome;
      }),
    ),
    ...(suite.suites ?? []).flatMap(walk),
  ];
  return report.suites.flatMap(walk);
}

const belongsTo = (file: string, area: Area) =>
  area.files.some((f) => (f.endsWith("/") ? file.startsWith(f) : file === f));

export type AreaRow = { area: string; files: number; passed: number; failed: number; skipped: number; seconds: number };

export function areaRows(outcomes: TestOutcome[]): AreaRow[] {
  return AREAS.map((area) => {
    const mine = outcomes.filter((o) => belongsTo(o.file, area));
    const count = (status: TestOutcome["status"]) => mine.filter((o) => o.status === status).length;
    return {
      area: area.area,
      files: new Set(mine.map((o) => o.file)).size,
      passed: count("passed"),
      failed: count("failed"),
      skipped: count("skipped"),
      seconds: mine.reduce((sum, o) => sum + o.ms, 0) / 1000,
    };
  });
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number | null) => (n === null ? "–" : fmt(n));
const ratio = (n: number | null | undefined) => (n ? `${fmt(n, 1)}×` : "–");

/** The load test's figures (scripts/load writes them) as a sentence and a table. */
export function renderLoad(load: LoadReport): string {
  const rows = Object.entries(LOAD_KINDS).flatMap(([name, title]) => {
    const k = load.kinds[name];
    if (!k) return [];
    const vsIdle = ratio(load.p95RatioUnderLoad[name as keyof LoadReport["p95RatioUnderLoad"]]);
    return [
      `| ${title} | ${fmt(k.requests)} | ${fmt(k.errorRate * 100, 2)} % | ${ms(k.p50)} | ${ms(k.p95)} | ${ms(k.p99)} | ${vsIdle} |`,
    ];
  });
  const database = load.database === "postgres" ? "PostgreSQL" : "embedded PGlite";
  const connections =
    load.peakDatabaseConnections === null
      ? "n/a (embedded)"
      : `${load.peakDatabaseConnections} (pool of ${load.databasePoolSize})`;
  const { organizationsMatching, importsReplayed } = load.replay;
  return [
    `Load: ${fmt(load.durationSeconds)} s on ${database}, ${load.organizations} organizations, ${load.uploadClients} upload clients ` +
      `(${fmt(load.fileRows)}-row files), ${load.pageConnections} page connections; load average ${fmt(load.machine.loadAverageAtStart[0] ?? 0, 1)} at start. ` +
      `Error rate ${fmt(load.errorRate * 100, 2)} %, peak server RSS ${fmt(load.peakRssBytes / 1_048_576)} MB, peak database connections ${connections}; ` +
      `final rosters equal to importing the same files one at a time in ${organizationsMatching} of ${load.organizations} organizations (${fmt(importsReplayed)} imports replayed).`,
    "",
    "| requests | count | errors | p50 ms | p95 ms | p99 ms | p95 vs. no load |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

export type RunFacts = { date: string; cpus: number; database: string; totalSeconds: number };

export function renderReliability(rows: AreaRow[], facts: RunFacts, load: LoadReport | null): string {
  const table = [
    "| area | test files | passed | failed | skipped | time |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (r) => `| ${r.area} | ${r.files} | ${r.passed} | ${r.failed} | ${r.skipped} | ${fmt(r.seconds, 1)} s |`,
    ),
  ].join("\n");
  return [
    `Last run: ${facts.date}, ${facts.cpus} cores, ${facts.database}, ${fmt(facts.totalSeconds)} s in all.`,
    "",
    table,
    ...(load ? ["", renderLoad(load)] : []),
  ].join("\n");
}

export const BEGIN = "<!-- reliability:begin (generated by npm run test:reliability; do not edit) -->";
export const END = "<!-- reliability:end -->";

/** The README with its generated block replaced; throws when the markers are missing. */
export function replaceBlock(readme: string, block: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} block`);
  return `${readme.slice(0, start + BEGIN.length)}\n${block}\n${readme.slice(end)}`;
}
