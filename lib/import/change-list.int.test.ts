import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, grid, importBytes } from "@/tests/support/roster-files";
import { listImportChanges } from "./change-list";
import { applyPendingImport, discardPendingImport } from "./decide-import";

// "… and N more" opens every change: a preview's from its staged rows, an applied import's from
// the records it wrote, searchable and paged; a discarded import says why there is none.

const page = { search: "", limit: 4, offset: 0 };

describe("the full list of an import's changes", () => {
  it("lists, searches and pages a preview's changes, then the same records once applied", async () => {
    const org = (await makeOrganization()).organization.id;
    const db = await getDb();
    const lines = grid("101", 2, 5).map((line) =>
      line.studentId === "101-S3" ? { ...line, first: "Zoë", last: "García" } : line,
    );
    const preview = await importBytes(org, combinedCsv(lines), { mode: "preview", source: "upload" });

    const first = await listImportChanges(db, org, preview.id, { ...page, type: "enrollments", change: "created" });
    expect(first).toMatchObject({ available: true, total: 10 });
    expect(first?.available && first.items).toHaveLength(4);
    expect(first?.available && first.items[0]).toBe(
      "First101-S1 Last101-S1 (101-S1) joined Class 101-C1 (101-C1, period 1)",
    );
    const second = await listImportChanges(db, org, preview.id, {
      ...page,
      offset: 8,
      type: "enrollments",
      change: "created",
    });
    expect(second?.available && second.items).toHaveLength(2);
    // Accents and case do not matter: "zoe garcia" finds Zoë García.
    const found = await listImportChanges(db, org, preview.id, {
      ...page,
      search: "zoe garcia",
      type: "students",
      change: "created",
    });
    expect(found).toEqual({ available: true, total: 1, items: ["Zoë García (101-S3)"] });

    await applyPendingImport(db, org, preview.id, { label: "test" });
    const applied = await listImportChanges(db, org, preview.id, {
      ...page,
      search: "C2",
      type: "enrollments",
      change: "created",
    });
    expect(applied).toMatchObject({ available: true, total: 5 });
    // By last name, as the roster names them now.
    expect(applied?.available && applied.items[0]).toBe("Zoë García (101-S3) joined Class 101-C2 (101-C2, period 1)");

    // The next file drops class C2 and renames a student: ended, deactivated and updated, by name.
    const next = grid("101", 1, 5).map((line) =>
      line.studentId === "101-S1"
        ? { ...line, last: "Li" }
        : line.studentId === "101-S3"
          ? { ...line, first: "Zoë", last: "García" }
          : line,
    );
    const later = await importBytes(org, combinedCsv(next));
    expect(
      await listImportChanges(db, org, later.id, { ...page, type: "enrollments", change: "deactivated" }),
    ).toMatchObject({
      available: true,
      total: 5,
      items: expect.arrayContaining([expect.stringMatching(/ left Class 101-C2 \(101-C2, period 1\)$/)]),
    });
    expect(await listImportChanges(db, org, later.id, { ...page, type: "students", change: "updated" })).toEqual({
      available: true,
      total: 1,
      items: ["First101-S1 Li (101-S1): last name Last101-S1 → Li"],
    });
    expect(await listImportChanges(db, org, later.id, { ...page, type: "classes", change: "deactivated" })).toEqual({
      available: true,
      total: 1,
      items: ["Class 101-C2 (101-C2, period 1)"],
    });
  });

  it("says why a discarded import has no list, and answers nothing for another organization", async () => {
    const org = (await makeOrganization()).organization.id;
    const other = (await makeOrganization()).organization.id;
    const db = await getDb();
    const preview = await importBytes(org, combinedCsv(grid("101", 1, 2)), { mode: "preview", source: "upload" });
    expect(await listImportChanges(db, other, preview.id, { ...page, type: "students", change: "created" })).toBeNull();
    await discardPendingImport(db, org, preview.id, { label: "test" });
    expect(await listImportChanges(db, org, preview.id, { ...page, type: "students", change: "created" })).toEqual({
      available: false,
      reason: expect.stringContaining("This import was discarded"),
    });
  });
});
