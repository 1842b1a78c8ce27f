// The figures of `npm run test:reliability`, rendered as the README's generated block: one row
// per area (tests passed, failed, skipped, time) from the vitest and Playwright JSON reports, and
// the load test's table from its own JSON. Pure: run.ts reads the files and writes the README.

import path from "node:path";

/** An area of the README's table and the test files (or folders, ending in "/") that prove it. */
export type Area = { area: string; files: string[] };

export const AREAS: Area[] = [
  { area: "Bad-input corpus", files: ["tests/bad-inputs/"] },
  { area: "Tenancy matrix (in-process, and every page of the build over HTTP)", files: ["tests/tenancy/", "e2e/tenancy.spec.ts"] },
  { area: "Hostile file names (browser)", files: ["e2e/upload-file-names.spec.ts"] },
  { area: "Privacy canary (in-process, and the real server's logs and temp files)", files: ["tests/privacy/", "e2e/privacy-canary.spec.ts"] },
  { area: "Faults (connection killed, Resend 5xx, interrupted imports)", files: ["tests/faults/", "lib/invitations/send-invitations.resend.int.test.ts"] },
  { area: "Rate limits (sign-in links, invitations)", files: ["lib/auth/sign-in-rate-limits.int.test.ts", "lib/invitations/send-limits.int.test.ts"] },
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
        const status = last?.status === "passed" ? "passed" : last?.status === "skipped" || !last ? "skipped" : "failed";
        return { file: path.join(testDir, suite.file), status, ms: last?.duration ?? 0 } satisfies TestOutcome;
      }),
    ),
    ...(suite.suites ?? []).flatMap(walk),
  ];
  return report.suites.flatMap(walk);
}

const belongsTo = (file: string, area: Area) => area.files.some((f) => (f.endsWith("/") ? file.startsWith(f) : file === f));

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

/** The load test's summary (scripts/load/run.ts writes it; see its header for the fields). */
export type LoadSummary = {
  durationSeconds: number;
  database: string;
  kinds: { kind: string; requests: number; errors: number; p50: number; p95: number; p99: number; idleP95?: number | null }[];
  peakRssMb: number;
  peakDbConnections: number | null;
  rostersMatchSequential: boolean;
};

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function renderLoad(load: LoadSummary): string {
  const rows = load.kinds.map((k) => {
    const rate = k.requests === 0 ? 0 : (100 * k.errors) / k.requests;
    const ratio = k.idleP95 ? `${fmt(k.p95 / k.idleP95, 1)}×` : "–";
    return `| ${k.kind} | ${fmt(k.requests)} | ${fmt(rate, 2)} % | ${fmt(k.p50)} | ${fmt(k.p95)} | ${fmt(k.p99)} | ${ratio} |`;
  });
  return [
    `Load (${fmt(load.durationSeconds)} s on ${load.database}): peak server RSS ${fmt(load.peakRssMb)} MB, peak database connections ${
      load.peakDbConnections ?? "n/a (embedded)"
    }, final rosters ${load.rostersMatchSequential ? "equal" : "**differ from**"} those of importing the same files one at a time.`,
    "",
    "| requests | count | errors | p50 ms | p95 ms | p99 ms | p95 vs. unloaded |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

export type RunFacts = { date: string; cpus: number; database: string; totalSeconds: number };

export function renderReliability(rows: AreaRow[], facts: RunFacts, load: LoadSummary | null): string {
  const table = [
    "| area | test files | passed | failed | skipped | time |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.area} | ${r.files} | ${r.passed} | ${r.failed} | ${r.skipped} | ${fmt(r.seconds, 1)} s |`),
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
