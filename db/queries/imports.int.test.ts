import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { countStaffNotInvited } from "@/db/queries/dashboard";
import {
  countImports,
  getImportDetail,
  groupImportIssues,
  lastImport,
  listImports,
  listImportsNeedingAttention,
  listStaffCreatedByImport,
  pageImportIssues,
  summarizeSkippedRows,
} from "@/db/queries/imports";
import { getImportRecord } from "@/db/queries/import-records";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, grid, importBytes } from "@/tests/support/roster-files";

// The queries behind Import Details and the dashboard: scoped to one organization, filtered and
// paged on the server.

describe("Import Details queries", () => {
  it("lists, filters, pages and counts one organization's imports, newest first", async () => {
    const org = (await makeOrganization()).organization.id;
    const other = (await makeOrganization()).organization.id;
    const applied = await importBytes(org, combinedCsv(grid("101", 2, 2)), { fileName: "a.csv" });
    const failed = await importBytes(org, new Uint8Array(), { fileName: "b.csv" });
    const preview = await importBytes(org, combinedCsv(grid("101", 3, 2)), {
      fileName: "c.csv",
      mode: "preview",
      source: "upload",
    });
    await importBytes(other, combinedCsv(grid("101", 1, 1)), { fileName: "other.csv" });
    const db = await getDb();

    expect((await listImports(db, org)).map((i) => i.fileName)).toEqual(["c.csv", "b.csv", "a.csv"]);
    expect((await listImports(db, org, { limit: 2, offset: 2 })).map((i) => i.id)).toEqual([applied.id]);
    expect((await listImports(db, org, { filters: { status: "failed" } })).map((i) => i.id)).toEqual([failed.id]);
    expect((await listImports(db, org, { filters: { source: "upload" } })).map((i) => i.id)).toEqual([preview.id]);
    expect(await countImports(db, org)).toBe(3);
    expect(await countImports(db, org, { kind: "staff" })).toBe(0);
    expect((await lastImport(db, org))?.id).toBe(preview.id);
    expect((await listImportsNeedingAttention(db, org, { failedWithinDays: 7 })).map((i) => i.id)).toEqual([failed.id]);

    expect(await getImportDetail(db, other, applied.id)).toBeNull();
    expect(await getImportDetail(db, org, "not-a-uuid")).toBeNull();
    // 36 characters of hex digits and dashes that are no uuid: not found, not a database error.
    expect(await getImportDetail(db, org, "-".repeat(36))).toBeNull();
    expect(await getImportDetail(db, org, "abcdef".repeat(6))).toBeNull();
    expect((await getImportDetail(db, org, applied.id))?.actor).toBe("test");
    // The record alone (the full change list's page reads it): a URL's "1" is no import, not a 500.
    expect(await getImportRecord(db, org, "1")).toBeNull();
    expect((await getImportRecord(db, org, applied.id))?.id).toBe(applied.id);
  });

  it("groups an import's issues by code with their first rows, and pages them in row order", async () => {
    const org = (await makeOrganization()).organization.id;
    const lines = [
      ...grid("101", 1, 8),
      { school: "101", classId: "X", studentId: "", teacherEmail: "a@district.test" },
      { school: "101", classId: "Y", studentId: "", teacherEmail: "a@district.test" },
      { school: "101", classId: "Z", studentId: "S1", teacherEmail: "bad" },
    ];
    const result = await importBytes(org, combinedCsv(lines));
    const db = await getDb();
    expect(await groupImportIssues(db, org, result.id)).toEqual([
      { code: "blank_value", severity: "error", count: 2, message: "Student id is blank.", firstRows: [10, 11] },
      {
        code: "invalid_value",
        severity: "error",
        count: 1,
        message: '"bad" is not a valid email address.',
        firstRows: [12],
      },
    ]);
    expect((await pageImportIssues(db, org, result.id, { limit: 2, offset: 1 })).map((i) => i.row)).toEqual([11, 12]);
    expect(await groupImportIssues(db, (await makeOrganization()).organization.id, result.id)).toEqual([]);
  });

  it("a failure stops needing attention once a later import of its kind goes through", async () => {
    const org = (await makeOrganization()).organization.id;
    const db = await getDb();
    const failedStaff = await importBytes(org, new Uint8Array(), { fileName: "staff.csv", kind: "staff" });
    const failedCombined = await importBytes(org, new Uint8Array(), { fileName: "bad.csv" });
    const attention = async () =>
      (await listImportsNeedingAttention(db, org, { failedWithinDays: 7 })).map((i) => i.id);
    expect(await attention()).toEqual([failedCombined.id, failedStaff.id]);
    await importBytes(org, combinedCsv(grid("101", 1, 1)), { mode: "preview", source: "upload" }); // not yet applied
    expect(await attention()).toEqual([failedCombined.id, failedStaff.id]);
    await importBytes(org, combinedCsv(grid("101", 1, 1)), { fileName: "good.csv" });
    expect(await attention()).toEqual([failedStaff.id]); // a combined success does not settle a staff failure
  });

  it("counts the rows an import's errors skip, per reason and column", async () => {
    const org = (await makeOrganization()).organization.id;
    const lines = [
      ...grid("101", 1, 2),
      { school: "101", classId: "X", studentId: "", teacherEmail: "bad" },
      { school: "101", classId: "Y", studentId: "", teacherEmail: "a@district.test" },
    ];
    const result = await importBytes(org, combinedCsv(lines));
    const skipped = await summarizeSkippedRows(await getDb(), org, result.id);
    expect(skipped.rows).toBe(2); // row 4 has two errors but is one row
    expect(skipped.reasons.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      { code: "blank_value", column: "Student ID", rows: 2 },
      { code: "invalid_value", column: "Teacher Email", rows: 1 },
    ]);
  });

  it("lists the staff an import created and counts staff not yet invited", async () => {
    const org = (await makeOrganization()).organization.id;
    const first = await importBytes(org, combinedCsv(grid("101", 2, 1)));
    const second = await importBytes(org, combinedCsv([...grid("101", 2, 1), ...grid("202", 1, 1)]));
    const db = await getDb();
    expect((await listStaffCreatedByImport(db, org, first.id)).map((s) => s.email).sort()).toEqual([
      "t1.101@district.test",
      "t2.101@district.test",
    ]);
    expect((await listStaffCreatedByImport(db, org, second.id)).map((s) => s.email)).toEqual(["t1.202@district.test"]);
    expect(await countStaffNotInvited(db, org)).toBe(3);
  });
});
