import { describe, expect, it } from "vitest";
import { AREAS, areaFiles, areaRows, BEGIN, END, playwrightOutcomes, renderLoad, renderReliability, replaceBlock, vitestOutcomes } from "./report";

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
            { name: "/repo/tests/bad-inputs/bad-inputs.int.test.ts", assertionResults: [{ status: "passed", duration: 1500 }, { status: "failed", duration: 500 }] },
            { name: "/repo/tests/faults/connection-killed.int.test.ts", assertionResults: [{ status: "skipped", duration: null }] },
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
              specs: [{ tests: [{ results: [{ status: "failed", duration: 100 }, { status: "passed", duration: 2000 }] }] }],
              suites: [{ file: "security-headers.spec.ts", specs: [{ tests: [{ results: [] }] }] }],
            },
          ],
        },
        root,
      ),
    ];
    const rows = areaRows(outcomes);
    const row = (name: string) => rows.find((r) => r.area.startsWith(name));
    expect(row("Bad-input")).toEqual({ area: "Bad-input corpus", files: 1, passed: 1, failed: 1, skipped: 0, seconds: 2 });
    expect(row("Faults")).toMatchObject({ files: 1, passed: 0, skipped: 1 });
    // The last attempt counts; a test without results did not run.
    expect(row("Security headers")).toMatchObject({ files: 1, passed: 1, failed: 0, skipped: 1, seconds: 2 });
    expect(rows.reduce((sum, r) => sum + r.passed + r.failed + r.skipped, 0)).toBe(5); // other.int.test.ts is in no area
  });

  it("renders the load table with error rates and the loaded/unloaded p95 ratio", () => {
    const text = renderLoad({
      durationSeconds: 120,
      database: "PostgreSQL",
      kinds: [
        { kind: "upload + apply", requests: 400, errors: 2, p50: 900, p95: 2400, p99: 3100 },
        { kind: "Import Details", requests: 5000, errors: 0, p50: 40, p95: 120, p99: 200, idleP95: 30 },
      ],
      peakRssMb: 612.4,
      peakDbConnections: 11,
      rostersMatchSequential: true,
    });
    expect(text).toContain("peak server RSS 612 MB, peak database connections 11, final rosters equal");
    expect(text).toContain("| upload + apply | 400 | 0.50 % | 900 | 2,400 | 3,100 | – |");
    expect(text).toContain("| Import Details | 5,000 | 0.00 % | 40 | 120 | 200 | 4.0× |");
  });

  it("says so when the rosters differ", () => {
    const text = renderLoad({ durationSeconds: 20, database: "embedded PGlite", kinds: [], peakRssMb: 1, peakDbConnections: null, rostersMatchSequential: false });
    expect(text).toContain("n/a (embedded)");
    expect(text).toContain("**differ from**");
  });

  it("replaces only the generated block of the README, and refuses a README without one", () => {
    const block = renderReliability(areaRows([]), { date: "2026-11-29", cpus: 2, database: "PostgreSQL", totalSeconds: 61 }, null);
    expect(block).toContain("Last run: 2026-11-29, 2 cores, PostgreSQL, 61 s in all.");
    const readme = `# R\n\n${BEGIN}\nold figures\n${END}\n\n## Next\n`;
    const next = replaceBlock(readme, block);
    expect(next).not.toContain("old figures");
    expect(next).toContain(`${BEGIN}\n${block}\n${END}\n\n## Next\n`);
    expect(replaceBlock(next, block)).toBe(next);
    expect(() => replaceBlock("# R\n", block)).toThrow(/no .* block/);
  });
});
