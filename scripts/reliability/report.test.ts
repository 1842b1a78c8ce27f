import { describe, expect, it } from "vitest";
import type { LoadReport } from "../load/report";
import {
  AREAS,
  areaFiles,
  areaRows,
  BEGIN,
  END,
  playwrightOutcomes,
  renderLoad,
  renderReliability,
  replaceBlock,
  vitestOutcomes,
} from "./report";

const root = "/repo";

describe("reliability report", () => {
  it("splits the areas' files between vitest and Playwright", () => {
    expect(areaFiles("vitest")).toContain("tests/bad-inputs/");
    expect(areaFiles("vitest").some((f) => f.startsWith("e2e/"))).toBe(false);
    expect(areaFiles("playwright")).toEqual(AREAS.flatMap((a) => a.files).filter((f) => f.startsWith("e2e/")));
  });

  it("counts vitest and Playwright outcomes per area, folders by prefix and files exactly", () => {
    const outcomes = [
      ...vitestOutcomes(
        {
          testResults: [
            {
              name: "/repo/tests/bad-inputs/bad-inputs.int.test.ts",
              assertionResults: [
                { status: "passed", duration: 1500 },
                { status: "failed", duration: 500 },
              ],
            },
            {
              name: "/repo/tests/faults/connection-killed.int.test.ts",
              assertionResults: [{ status: "skipped", duration: null }],
            },
            { name: "/repo/lib/import/other.int.test.ts", assertionResults: [{ status: "passed", duration: 9000 }] },
          ],
        },
        root,
      ),
      ...playwrightOutcomes(
        {
          config: { rootDir: "/repo/e2e" },
          suites: [
            {
              file: "security-headers.spec.ts",
              specs: [
                {
                  tests: [
                    {
                      results: [
                        { status: "failed", duration: 100 },
                        { status: "passed", duration: 2000 },
                      ],
                    },
                  ],
                },
              ],
              suites: [{ file: "security-headers.spec.ts", specs: [{ tests: [{ results: [] }] }] }],
            },
          ],
        },
        root,
      ),
    ];
    const rows = areaRows(outcomes);
    const row = (name: string) => rows.find((r) => r.area.startsWith(name));
    expect(row("Bad-input")).toEqual({
      area: "Bad-input corpus",
      files: 1,
      passed: 1,
      failed: 1,
      skipped: 0,
      seconds: 2,
    });
    expect(row("Faults")).toMatchObject({ files: 1, passed: 0, skipped: 1 });
    // The last attempt counts; a test without results did not run.
    expect(row("Security headers")).toMatchObject({ files: 1, passed: 1, failed: 0, skipped: 1, seconds: 2 });
    expect(rows.reduce((sum, r) => sum + r.passed + r.failed + r.skipped, 0)).toBe(5); // other.int.test.ts is in no area
  });

  const load = (over: Partial<LoadReport> = {}): LoadReport => ({
    date: "2026-11-29",
    database: "postgres",
    durationSeconds: 120,
    baselineSeconds: 10,
    organizations: 5,
    uploadClients: 20,
    pageConnections: 10,
    fileRows: 5000,
    machine: { cpus: 2, loadAverageAtStart: [0.4, 0.3, 0.2], loadAverageAtEnd: [3, 2, 1] },
    kinds: {
      uploadApply: {
        requests: 400,
        errors: 2,
        errorRate: 0.005,
        p50: 900,
        p95: 2400,
        p99: 3100,
        max: 4000,
        perSecond: 3.3,
      },
      importPages: { requests: 5000, errors: 0, errorRate: 0, p50: 40, p95: 120, p99: 200, max: 900, perSecond: 41 },
      "baseline:importPages": {
        requests: 100,
        errors: 0,
        errorRate: 0,
        p50: 20,
        p95: 30,
        p99: 31,
        max: 40,
        perSecond: 10,
      },
    },
    p95RatioUnderLoad: { importPages: 4, rosterPages: null, uploadApply: null },
    errorRate: 0.0004,
    peakRssBytes: 612.4 * 1_048_576,
    serverProcesses: 1,
    peakDatabaseConnections: 10,
    databasePoolSize: 10,
    unchangedOvertakenByApply: 0,
    uploadAnswers: {},
    imports: {},
    replay: { importsReplayed: 154, organizationsMatching: 5, mismatches: {} },
    problems: [],
    runSeconds: 290,
    ...over,
  });

  it("renders the load figures: error rates, percentiles, the loaded/unloaded p95 ratio, RSS, connections, the replay", () => {
    const text = renderLoad(load());
    expect(text).toContain(
      "Load: 120 s on PostgreSQL, 5 organizations, 20 upload clients (5,000-row files), 10 page connections; load average 0.4 at start.",
    );
    expect(text).toContain("Error rate 0.04 %, peak server RSS 612 MB, peak database connections 10 (pool of 10)");
    expect(text).toContain(
      "equal to importing the same files one at a time in 5 of 5 organizations (154 imports replayed)",
    );
    expect(text).toContain("| upload + apply (under load) | 400 | 0.50 % | 900 | 2,400 | 3,100 | – |");
    expect(text).toContain("| Import Details pages (under load) | 5,000 | 0.00 % | 40 | 120 | 200 | 4.0× |");
    expect(text).toContain("| Import Details pages (no load) | 100 | 0.00 % | 20 | 30 | 31 | – |");
    expect(text).not.toContain("roster pages (under load)"); // no figures, no row
  });

  it("says how many organizations' rosters matched, and n/a connections on PGlite", () => {
    const text = renderLoad(
      load({
        database: "pglite",
        peakDatabaseConnections: null,
        databasePoolSize: null,
        replay: { importsReplayed: 9, organizationsMatching: 3, mismatches: { x: ["a"] } },
      }),
    );
    expect(text).toContain("on embedded PGlite");
    expect(text).toContain("peak database connections n/a (embedded)");
    expect(text).toContain("in 3 of 5 organizations");
  });

  it("replaces only the generated block of the README, and refuses a README without one", () => {
    const block = renderReliability(
      areaRows([]),
      { date: "2026-11-29", cpus: 2, database: "PostgreSQL", totalSeconds: 61 },
      null,
    );
    expect(block).toContain("Last run: 2026-11-29, 2 cores, PostgreSQL, 61 s in all.");
    const readme = `# R\n\n${BEGIN}\nold figures\n${END}\n\n## Next\n`;
    const next = replaceBlock(readme, block);
    expect(next).not.toContain("old figures");
    expect(next).toContain(`${BEGIN}\n${block}\n${END}\n\n## Next\n`);
    expect(replaceBlock(next, block)).toBe(next);
    expect(() => replaceBlock("# R\n", block)).toThrow(/no .* block/);
  });
});
