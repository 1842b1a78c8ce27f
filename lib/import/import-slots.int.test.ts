import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, grid, importBytes } from "@/tests/support/roster-files";
import { importSlotUse } from "./import-slots";
import type { ImportProgress } from "./run-import";

// Imports in one process take at most IMPORT_CONCURRENCY slots (default 2); the others say
// "waiting" (the upload page shows it) and run when a slot frees. Six organizations import at once.

describe("import slots", () => {
  it("never runs more than IMPORT_CONCURRENCY imports at once; the rest wait, then all apply", async () => {
    expect(env.IMPORT_CONCURRENCY).toBe(2);
    const orgs = await Promise.all(Array.from({ length: 6 }, () => makeOrganization()));
    let most = 0;
    const phases: ImportProgress["phase"][][] = orgs.map(() => []);
    const results = await Promise.all(
      orgs.map(({ organization }, i) =>
        importBytes(organization.id, combinedCsv(grid(`${100 + i}`, 10, 20)), {
          onProgress: ({ phase }) => {
            phases[i]!.push(phase);
            most = Math.max(most, importSlotUse().active);
          },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill("applied"));
    expect(most).toBe(2);
    const waited = phases.filter((p) => p[0] === "waiting");
    expect(waited.length).toBeGreaterThanOrEqual(1);
    // A waiting import goes on to read and apply like any other.
    for (const p of waited) expect(p).toEqual(expect.arrayContaining(["waiting", "reading", "applying"]));
    expect(importSlotUse()).toEqual({ active: 0, waiting: 0 });
  });
});
