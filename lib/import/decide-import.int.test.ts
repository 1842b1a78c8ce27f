import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getImportRecord } from "@/db/queries/import-records";
import { applyPendingImport, discardPendingImport } from "@/lib/import/decide-import";
import { makeOrganization } from "@/tests/support/factories";
import { activeIds, combinedCsv, grid, importBytes } from "@/tests/support/roster-files";

// An admin's Apply and another's Discard of the same preview, at the same moment: one wins, under
// the organization's import lock, and the other is told who decided and when. The record must
// always tell the truth about the roster. (Meaningful on PostgreSQL, where the two really
// overlap; on PGlite's single connection they run one after the other.)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("deciding a pending import", () => {
  it("concurrent Apply and Discard, 20 rounds: the record says what happened to the roster; the loser is told", async () => {
    const db = await getDb();
    for (let round = 0; round < 20; round++) {
      const org = (await makeOrganization()).organization.id;
      const preview = await importBytes(org, combinedCsv(grid("101", 2, 2)), { mode: "preview", source: "upload" });
      expect(preview.status).toBe("preview");
      // Stagger the Discard a little differently each round, so it lands before, during and after the Apply.
      const [apply, discard] = await Promise.allSettled([
        applyPendingImport(db, org, preview.id, { label: "Alice" }),
        sleep(round % 5 === 0 ? 0 : round * 3).then(() => discardPendingImport(db, org, preview.id, { label: "Bob" })),
      ]);
      const record = await getImportRecord(db, org, preview.id);
      const classes = (await activeIds(org)).classes;
      if (record?.status === "applied") {
        expect(classes, `round ${round}`).toEqual(["101-C1", "101-C2"]);
        expect(apply.status, `round ${round}`).toBe("fulfilled");
        expect(discard.status, `round ${round}`).toBe("rejected");
        const reason = (discard as PromiseRejectedResult).reason as Error;
        expect(reason.message).toMatch(/^This import was already applied by Alice at .+\.$/);
      } else {
        expect(record?.status, `round ${round}`).toBe("discarded");
        expect(classes, `round ${round}`).toEqual([]);
        expect(discard.status, `round ${round}`).toBe("fulfilled");
        expect(apply.status, `round ${round}`).toBe("rejected");
        const reason = (apply as PromiseRejectedResult).reason as Error;
        expect(reason.message).toMatch(/^This import was already discarded by Bob at .+\.$/);
      }
    }
  });

  it("a second decision after the first names who decided and when, in the organization's time zone", async () => {
    const db = await getDb();
    const { organization, admin } = await makeOrganization();
    const preview = await importBytes(organization.id, combinedCsv(grid("101", 1, 1)), { mode: "preview" });
    await discardPendingImport(db, organization.id, preview.id, { userId: admin.userId });
    await expect(applyPendingImport(db, organization.id, preview.id, { label: "cli" })).rejects.toThrow(
      new RegExp(`^This import was already discarded by ${admin.email} at \\w{3} \\d+, \\d{4}, .+ C[SD]T\\.$`),
    );
    await expect(discardPendingImport(db, organization.id, preview.id, { label: "cli" })).rejects.toThrow(
      /^This import was already discarded by /,
    );
  });
});
