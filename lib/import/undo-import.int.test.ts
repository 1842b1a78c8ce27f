import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { getImportRecord } from "@/db/queries/import-records";
import { applyPendingImport, discardPendingImport } from "@/lib/import/decide-import";
import { createStaffMembership } from "@/lib/invitations/create-staff-membership";
import { UserFacingError } from "@/lib/errors";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, grid, importBytes, rosterOf, type CombinedLine } from "@/tests/support/roster-files";
import { previewUndo, undoImport, undoImportWithLater, UndoConflictError } from "./undo-import";

// Undo of an applied import on a real database (PostgreSQL when DATABASE_URL is set, else PGlite):
// the roster comes back field for field as every export shows it (`export --all`).

const newOrg = async () => (await makeOrganization()).organization.id;
const actor = { label: "test" };

const fileA: CombinedLine[] = [...grid("101", 3, 4), ...grid("102", 2, 3, "B")];
/** B changes A: renames a student and a class, drops a class and a student, adds a class, a student, a teacher. */
const fileB: CombinedLine[] = [
  ...fileA
    .filter((line) => line.classId !== "101-C3" && line.studentId !== "101-S4")
    .map((line) => (line.studentId === "101-S1" ? { ...line, first: "Renamed" } : line))
    .map((line) => (line.classId === "B-C1" ? { ...line, className: "Algebra II", period: "7" } : line)),
  { school: "103", classId: "N-C1", studentId: "N-S1", teacherEmail: "new.teacher@district.test", term: "2027" },
  { school: "101", classId: "101-C1", studentId: "N-S2" },
];

async function applied(org: string, lines: CombinedLine[], fileName = "roster.csv") {
  const result = await importBytes(org, combinedCsv(lines), { fileName });
  expect(result.status).toBe("applied");
  return result;
}

const empty = { schools: [], terms: [], classes: [], students: [], staff: [], enrollments: [], assignments: [] };

describe("undo an import", () => {
  it("apply A, apply B, undo B: every export equals the state after A, field for field", async () => {
    const org = await newOrg();
    await applied(org, fileA);
    const afterA = await rosterOf(org);
    const b = await applied(org, fileB);
    expect(await rosterOf(org)).not.toEqual(afterA);

    const preview = await previewUndo(await getDb(), org, b.id);
    expect(preview).toMatchObject({ blocked: null, conflicts: [], undoFirst: [] });
    expect(preview.counts.classes).toEqual({ created: 0, updated: 1, reactivated: 1, deactivated: 1 });
    expect(preview.counts.students.deactivated).toBe(2); // the two B created
    expect(preview.counts.enrollments.reactivated).toBe(6); // ended by B: class 101-C3 (4), student 101-S4 in two others

    const undo = await undoImport(await getDb(), org, b.id, actor);
    expect(undo).toMatchObject({ status: "applied", kind: "combined" });
    expect(undo.counts).toEqual(preview.counts);
    expect(await rosterOf(org)).toEqual(afterA);

    const db = await getDb();
    const [undoRecord, undone] = [await getImportRecord(db, org, undo.id), await getImportRecord(db, org, b.id)];
    expect(undoRecord).toMatchObject({ source: "undo", undoesImportId: b.id, undoneByImportId: null });
    expect(undone?.undoneByImportId).toBe(undo.id);
    // B's new rows nothing else referenced are gone, not merely deactivated.
    const [{ n }] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from students where organization_id = ${org} and student_id like 'N-%'`,
      ),
    ) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("undoing an undo redoes it: the roster is as after B again", async () => {
    const org = await newOrg();
    await applied(org, fileA);
    const b = await applied(org, fileB);
    const afterB = await rosterOf(org);
    const undo = await undoImport(await getDb(), org, b.id, actor);
    const redo = await undoImport(await getDb(), org, undo.id, actor);
    expect(await rosterOf(org)).toEqual(afterB);
    expect(redo.counts.students.created).toBe(2);
    await expect(undoImport(await getDb(), org, undo.id, actor)).rejects.toThrow("already been undone");
    // and the redo can be undone in turn
    await undoImport(await getDb(), org, redo.id, actor);
    expect((await rosterOf(org)).students.map((s) => s.studentId)).not.toContain("N-S1");
  });

  it("refuses to undo A while B changed the same rows, listing them and B; undo B then A leaves the empty roster", async () => {
    const org = await newOrg();
    const a = await applied(org, fileA, "a.csv");
    const b = await applied(org, fileB, "b.csv");

    const preview = await previewUndo(await getDb(), org, a.id);
    expect(preview.blocked).toBeNull();
    expect(preview.conflicts).toHaveLength(1);
    expect(preview.conflicts[0]).toMatchObject({ importId: b.id, fileName: "b.csv" });
    expect(preview.conflicts[0]?.rows).toEqual(
      expect.arrayContaining(["Student 101-S1 Renamed Last101-S1", "Class 101-C3 Class 101-C3"]),
    );
    expect(preview.undoFirst).toEqual([b.id]);

    const before = await rosterOf(org);
    const refused = await undoImport(await getDb(), org, a.id, actor).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UndoConflictError);
    expect((refused as UndoConflictError).message).toContain("b.csv");
    expect(await rosterOf(org)).toEqual(before); // nothing restored in part

    await undoImport(await getDb(), org, b.id, actor);
    await undoImport(await getDb(), org, a.id, actor);
    expect(await rosterOf(org)).toEqual(empty);
  });

  it("undo with the later imports first (newest first) in one request", async () => {
    const org = await newOrg();
    const a = await applied(org, fileA);
    await applied(org, fileB);
    const c = await applied(org, fileA, "c.csv"); // back to A's content: touches B's rows
    expect((await previewUndo(await getDb(), org, a.id)).undoFirst).toHaveLength(2);
    expect((await previewUndo(await getDb(), org, a.id)).undoFirst[0]).toBe(c.id);
    await undoImportWithLater(await getDb(), org, a.id, actor);
    expect(await rosterOf(org)).toEqual(empty);
  });

  it("an older import can be undone when no later import touched its rows", async () => {
    const org = await newOrg();
    const a = await applied(org, grid("101", 2, 2));
    const afterA = await rosterOf(org);
    const b = await applied(org, [...grid("101", 2, 2), ...grid("202", 1, 2).map((l) => ({ ...l, term: "T2" }))]);
    const afterB = await rosterOf(org);
    expect((await previewUndo(await getDb(), org, a.id)).conflicts.map((c) => c.importId)).toEqual([]);
    // but B's enrollments name no class of A: undoing A removes only A's rows
    await undoImport(await getDb(), org, a.id, actor);
    const roster = await rosterOf(org);
    expect(roster.schools.map((s) => s.schoolId)).toEqual(["202"]);
    expect(roster.enrollments).toEqual(afterB.enrollments.filter((e) => e.classId.startsWith("202")));
    expect(afterA.schools.map((s) => s.schoolId)).toEqual(["101"]);
    void b;
  });

  it("undoes a held import that was then applied", async () => {
    const org = await newOrg();
    await applied(org, fileA);
    const afterA = await rosterOf(org);
    const held = await importBytes(org, combinedCsv(grid("101", 1, 1)), { thresholdPercent: 10 });
    expect(held.status).toBe("held");
    const db = await getDb();
    expect((await previewUndo(db, org, held.id)).blocked).toContain("held");
    const decided = await applyPendingImport(db, org, held.id, { label: "test" });
    expect(decided.status).toBe("applied");
    expect(await rosterOf(org)).not.toEqual(afterA);
    await undoImport(db, org, held.id, actor);
    expect(await rosterOf(org)).toEqual(afterA);
  });

  it("keeps staff who accepted an invitation (deactivated, with their account) and removes the rest", async () => {
    const org = await newOrg();
    const db = await getDb();
    const a = await applied(org, [
      { school: "101", classId: "C1", studentId: "S1", teacherEmail: "kept@district.test" },
      { school: "101", classId: "C2", studentId: "S1", teacherEmail: "gone@district.test" },
    ]);
    const [kept] = rowsOf<{ id: number }>(
      await db.execute(sql`select id from staff where organization_id = ${org} and email = 'kept@district.test'`),
    );
    const { userId } = await createStaffMembership(db, org, { staffId: Number(kept!.id), email: "kept@district.test" });
    await undoImport(db, org, a.id, actor);
    const roster = await rosterOf(org);
    expect(roster.staff).toEqual([
      expect.objectContaining({ email: "kept@district.test", active: false, invitationStatus: "accepted" }),
    ]);
    expect(roster.classes).toEqual([]);
    const memberships = rowsOf<{ user_id: string }>(
      await db.execute(sql`select user_id from memberships where organization_id = ${org} and staff_id is not null`),
    );
    expect(memberships.map((m) => m.user_id)).toEqual([userId]);
  });

  it("refuses what cannot be undone, with a clear reason", async () => {
    const org = await newOrg();
    const db = await getDb();
    await expect(undoImport(db, org, "00000000-0000-0000-0000-000000000000", actor)).rejects.toThrow("No import");
    await expect(undoImport(db, org, "not-an-id", actor)).rejects.toBeInstanceOf(UserFacingError);
    const a = await applied(org, fileA);
    const other = await newOrg();
    await expect(undoImport(db, other, a.id, actor)).rejects.toThrow("No import"); // another district's import
    const same = await importBytes(org, combinedCsv(fileA), { alwaysCompare: true });
    expect(same.status).toBe("unchanged");
    await expect(undoImport(db, org, same.id, actor)).rejects.toThrow("only an applied import");
    const preview = await importBytes(org, combinedCsv(fileB), { mode: "preview" });
    await discardPendingImport(db, org, preview.id, actor);
    await expect(undoImport(db, org, preview.id, actor)).rejects.toThrow("discarded");
  });

  it("keeps the undo data compact and deletes it with its import", async () => {
    const org = await newOrg();
    const db = await getDb();
    await applied(org, fileA);
    const b = await applied(org, fileB);
    const stored = rowsOf<{ op: string; previous: unknown }>(
      await db.execute(sql`select op, previous::text as previous from import_undo_chunks
        where import_id = ${b.id} and "table" = 'students' and op = 'u' order by id`),
    );
    // only the changed column of the renamed student (and the deactivated one's "active")
    expect(stored.map((s) => s.previous)).toEqual(expect.arrayContaining([expect.stringContaining("first_name")]));
    expect(String(stored.map((s) => s.previous))).not.toContain("last_name");
    await db.execute(sql`delete from imports where id = ${b.id}`);
    const [{ n }] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from import_undo_chunks where import_id = ${b.id}`),
    ) as [{ n: number }];
    expect(n).toBe(0);
  });
});
