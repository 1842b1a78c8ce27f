import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { expireStagedImports } from "@/db/queries/import-records";
import { columnMappings, imports } from "@/db/schema/imports";
import { applyPendingImport, discardPendingImport } from "@/lib/import/decide-import";
import { ColumnMappingNeeded } from "@/lib/import/types";
import { listOutbox } from "@/lib/mail/outbox";
import { makeOrganization } from "@/tests/support/factories";
import {
  activeIds,
  combinedCsv,
  csv,
  grid,
  importBytes,
  countRows,
  rosterOf,
  writeStamp,
  type CombinedLine,
} from "@/tests/support/roster-files";

// One test per rule of docs/domain.md "Identity" and "What an import does", on a real database
// (PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise).

const newOrg = async () => (await makeOrganization()).organization.id;

describe("combined import", () => {
  it("a first import creates the schools, terms, classes, people and links in the file", async () => {
    const org = await newOrg();
    const result = await importBytes(
      org,
      combinedCsv([
        { school: "101", classId: "C1", studentId: "0001", teacherEmail: "Tom@District.test", staffId: "T1" },
        { school: "101", classId: "C1", studentId: "0002", teacherEmail: "tom@district.test", staffId: "T1" },
        { school: "102", classId: "C2", studentId: "0001", teacherEmail: "sue@district.test", term: "2026-27 S2" },
      ]),
    );
    expect(result).toMatchObject({ status: "applied", kind: "combined", fileName: "roster.csv", rows: 3, issues: [] });
    expect(result.counts).toEqual({
      schools: { created: 2, updated: 0, reactivated: 0, deactivated: 0 },
      terms: { created: 2, updated: 0, reactivated: 0, deactivated: 0 },
      classes: { created: 2, updated: 0, reactivated: 0, deactivated: 0 },
      students: { created: 2, updated: 0, reactivated: 0, deactivated: 0 },
      staff: { created: 2, updated: 0, reactivated: 0, deactivated: 0 },
      enrollments: { created: 3, updated: 0, reactivated: 0, deactivated: 0 },
      assignments: { created: 2, updated: 0, reactivated: 0, deactivated: 0 },
    });
    const roster = await rosterOf(org);
    expect(roster.classes).toEqual([
      { classId: "C1", name: "Class C1", period: "1", term: "2026-27", schoolId: "101", active: true },
      { classId: "C2", name: "Class C2", period: "1", term: "2026-27 S2", schoolId: "102", active: true },
    ]);
    expect(roster.students.map((s) => s.studentId)).toEqual(["0001", "0002"]); // leading zeros kept
    expect(roster.staff.map((s) => [s.staffId, s.email])).toEqual([
      [null, "sue@district.test"],
      ["T1", "tom@district.test"],
    ]);
  });

  it("re-importing the same content changes nothing and writes nothing but the import record", async () => {
    const org = await newOrg();
    const bytes = combinedCsv(grid("101", 3, 4));
    await importBytes(org, bytes);
    const before = await writeStamp(org);

    const compared = await importBytes(org, bytes, { alwaysCompare: true });
    expect(compared.status).toBe("unchanged");
    expect(
      Object.values(compared.counts).every((c) => c.created + c.updated + c.reactivated + c.deactivated === 0),
    ).toBe(true);
    const identical = await importBytes(org, bytes);
    expect(identical).toMatchObject({ status: "unchanged", rows: 12, issues: [] });

    expect(await writeStamp(org)).toBe(before);
    expect(await countRows("imports", org)).toBe(3);
  });

  it("an edited file changes exactly what changed", async () => {
    const org = await newOrg();
    const lines = grid("101", 2, 3);
    await importBytes(org, combinedCsv(lines));
    const edited: CombinedLine[] = lines.map((line) => ({
      ...line,
      ...(line.studentId === "101-S2" ? { last: "Renamed" } : {}),
      ...(line.classId === "101-C2" ? { period: "7" } : {}),
    }));
    edited.push({ school: "101", classId: "101-C1", studentId: "101-S9", teacherEmail: "t1.101@district.test" });

    const result = await importBytes(org, combinedCsv(edited));
    expect(result.status).toBe("applied");
    expect(result.counts.students).toEqual({ created: 1, updated: 1, reactivated: 0, deactivated: 0 });
    expect(result.counts.classes).toEqual({ created: 0, updated: 1, reactivated: 0, deactivated: 0 });
    expect(result.counts.enrollments).toEqual({ created: 1, updated: 0, reactivated: 0, deactivated: 0 });
    expect(result.counts.staff).toEqual({ created: 0, updated: 0, reactivated: 0, deactivated: 0 });
    const roster = await rosterOf(org);
    expect(roster.students.find((s) => s.studentId === "101-S2")?.lastName).toBe("Renamed");
    expect(roster.classes.find((c) => c.classId === "101-C2")?.period).toBe("7");
  });

  it("a class left out is deactivated and its enrollments and teaching assignments end", async () => {
    const org = await newOrg();
    const lines = grid("101", 3, 2);
    await importBytes(org, combinedCsv(lines));
    const result = await importBytes(org, combinedCsv(lines.filter((l) => l.classId !== "101-C3")));
    expect(result.status).toBe("applied");
    expect(result.counts.classes.deactivated).toBe(1);
    expect(result.counts.enrollments.deactivated).toBe(2);
    expect(result.counts.assignments.deactivated).toBe(1);
    expect(result.counts.students.deactivated).toBe(0); // still on the rows of C1 and C2
    expect(result.counts.staff.deactivated).toBe(1); // t3 taught only C3: departed
    const active = await activeIds(org);
    expect(active.classes).toEqual(["101-C1", "101-C2"]);
    expect(active.enrollments.filter((e) => e.startsWith("101-C3"))).toEqual([]);
    expect(active.students).toEqual(["101-S1", "101-S2"]);
    expect(active.staff).not.toContain("t3.101@district.test");
    expect(active.staff).toEqual(["t1.101@district.test", "t2.101@district.test"]);
  });

  it("a school left out is not touched, and the import warns about it", async () => {
    const org = await newOrg();
    await importBytes(org, combinedCsv([...grid("101", 2, 2), ...grid("202", 2, 2)]));
    const before = await activeIds(org);
    const result = await importBytes(org, combinedCsv(grid("101", 2, 2)), { alwaysCompare: true });
    expect(result.status).toBe("unchanged");
    expect(result.issues).toEqual([
      {
        row: null,
        column: null,
        severity: "warning",
        code: "school_not_in_file",
        message: "1 school is not in this file and was left as it is: 202 (2 active classes).",
      },
    ]);
    expect(await activeIds(org)).toEqual(before);
  });

  it("a truncated file is held and the admins are told; nothing changes until an admin applies it, or discards it", async () => {
    const adminEmail = `held-${Date.now()}@district.test`;
    const org = (await makeOrganization({ adminEmail })).organization.id;
    const lines = grid("101", 10, 3);
    await importBytes(org, combinedCsv(lines));
    const before = await writeStamp(org);
    const truncated = combinedCsv(lines.slice(0, 6)); // 2 of 10 classes left

    const held = await importBytes(org, truncated, { thresholdPercent: 10 });
    expect(held.status).toBe("held");
    expect(held.heldReason).toBe(
      "This import would deactivate 8 of 10 active classes (80 %) and end 24 of 30 active enrollments (80 %) and deactivate 8 of 10 active staff (80 %) in the schools of this file, more than the 10 % threshold. Review the change, then apply or discard it.",
    );
    expect(held.counts.classes.deactivated).toBe(8);
    expect(await writeStamp(org)).toBe(before);
    const [notice] = await listOutbox({ to: adminEmail });
    expect(notice?.subject).toMatch(/^RosterSync: an import for District .* is waiting for review$/);
    expect(notice?.text).toContain(held.heldReason);
    expect(notice?.links).toEqual([`http://localhost:3000/admin/imports/${held.id}`]);
    expect(await countRows("import_staged_rows", org)).toBe(1);

    const discarded = await discardPendingImport(await getDb(), org, held.id, { label: "test" });
    expect(discarded.status).toBe("discarded");
    expect(await countRows("import_staged_rows", org)).toBe(0);
    expect(await writeStamp(org)).toBe(before);

    const again = await importBytes(org, truncated, { thresholdPercent: 10 });
    const applied = await applyPendingImport(await getDb(), org, again.id, { label: "test" });
    expect(applied.status).toBe("applied");
    expect(applied.counts.classes.deactivated).toBe(8);
    expect((await activeIds(org)).classes).toEqual(["101-C1", "101-C2"]);
    expect(await countRows("import_staged_rows", org)).toBe(0);
  });

  it("the threshold is per type and 'more than': exactly the threshold applies", async () => {
    const org = await newOrg();
    const lines = grid("101", 10, 1);
    await importBytes(org, combinedCsv(lines));
    const result = await importBytes(org, combinedCsv(lines.filter((l) => l.classId !== "101-C10")), {
      thresholdPercent: 10,
    });
    expect(result.status).toBe("applied");
    expect(result.counts.classes.deactivated).toBe(1);
  });

  it("a row error skips the row but protects the class, student and enrollment it names", async () => {
    const org = await newOrg();
    const lines = grid("101", 3, 3);
    await importBytes(org, combinedCsv(lines));
    // C3: S1's row is fine, S2's row is broken (blank teacher email), S3's row is left out.
    const next = lines.filter((l) => l.classId !== "101-C3" || l.studentId === "101-S1");
    next.push({ school: "101", classId: "101-C3", studentId: "101-S2", teacherEmail: "" });
    const result = await importBytes(org, combinedCsv(next));
    expect(result.status).toBe("applied_with_errors");
    expect(result.issues).toEqual([
      { row: 9, column: "Teacher Email", severity: "error", code: "blank_value", message: "Teacher email is blank." },
    ]);
    expect(result.counts.enrollments.deactivated).toBe(1);
    const active = await activeIds(org);
    expect(active.classes).toContain("101-C3");
    expect(active.enrollments).toContain("101-C3/101-S1");
    expect(active.enrollments).toContain("101-C3/101-S2"); // named on the broken row: kept
    expect(active.enrollments).not.toContain("101-C3/101-S3"); // named nowhere: ended
  });

  it("a class named only on rejected rows is neither deactivated nor has its enrollments ended", async () => {
    const org = await newOrg();
    const lines = grid("101", 2, 2);
    await importBytes(org, combinedCsv(lines));
    const next = lines.filter((l) => l.classId !== "101-C2");
    next.push({ school: "101", classId: "101-C2", studentId: "101-S1", teacherEmail: "not-an-email" });
    const result = await importBytes(org, combinedCsv(next));
    expect(result.issues).toEqual([
      {
        row: 4,
        column: "Teacher Email",
        severity: "error",
        code: "invalid_value",
        message: '"not-an-email" is not a valid email address.',
      },
    ]);
    const active = await activeIds(org);
    expect(active.classes).toEqual(["101-C1", "101-C2"]);
    expect(active.enrollments).toEqual(["101-C1/101-S1", "101-C1/101-S2", "101-C2/101-S1", "101-C2/101-S2"]);
  });

  it("rows that contradict earlier rows are errors on the later rows", async () => {
    const org = await newOrg();
    const result = await importBytes(
      org,
      combinedCsv([
        { school: "101", classId: "C1", studentId: "S1", first: "Ann", last: "Lee" },
        { school: "101", classId: "C2", studentId: "S1", first: "Anna", last: "Lee" },
        { school: "101", classId: "C1", studentId: "S2", term: "2027-28" },
        { school: "101", classId: "C1", studentId: "S1", first: "Ann", last: "Lee" }, // exact repeat of row 2
      ]),
    );
    expect(result.status).toBe("applied_with_errors");
    expect(result.rows).toBe(4);
    expect(result.issues).toEqual([
      {
        row: null,
        column: null,
        severity: "warning",
        code: "duplicate_rows",
        message: "1 row repeats an earlier row exactly; each was counted once.",
      },
      {
        row: 3,
        column: "Student First",
        severity: "error",
        code: "conflicting_student",
        message:
          'Student ID "S1" is "Ann Lee" on row 2 but "Anna Lee" here; rows for one student must agree. The row was skipped.',
      },
      {
        row: 4,
        column: "Term",
        severity: "error",
        code: "conflicting_class",
        message:
          'Class ID "C1" has term "2026-27" on row 2 but "2027-28" here; rows for one class must agree. The row was skipped.',
      },
    ]);
    const active = await activeIds(org);
    expect(active.enrollments).toEqual(["C1/S1"]);
    expect(active.classes).toEqual(["C1"]); // C2's only row was rejected, so C2 was not created
  });

  it("a byte-identical file is unchanged without being read, and keeps the issues of the import it repeats", async () => {
    const org = await newOrg();
    const bytes = combinedCsv([
      { school: "101", classId: "C1", studentId: "S1" },
      { school: "101", classId: "C1", studentId: "" },
    ]);
    const first = await importBytes(org, bytes);
    expect(first.status).toBe("applied_with_errors");
    const again = await importBytes(org, bytes);
    expect(again.status).toBe("unchanged");
    expect(again.rows).toBe(2);
    expect(again.issues).toEqual(first.issues);
    expect(again.issues).toHaveLength(1);
  });

  it("an 'unchanged' answer that finished after another file was applied does not make its file current", async () => {
    // The byte-identical shortcut reads the current import and records "unchanged" outside the
    // import lock, so under load another file's apply can commit in between (the load test,
    // scripts/load, races 4 uploads per organization). Here that interleaving is set up by hand.
    const org = await newOrg();
    const a = combinedCsv(grid("101", 2, 3));
    const b = combinedCsv(grid("101", 3, 3));
    await importBytes(org, a);
    const late = await importBytes(org, a);
    expect(late.status).toBe("unchanged");
    expect((await importBytes(org, b)).status).toBe("applied");
    const db = await getDb();
    await db
      .update(imports)
      .set({ finishedAt: new Date(Date.now() + 1_000) })
      .where(eq(imports.id, late.id));

    const again = await importBytes(org, a);
    expect(again.status).toBe("applied");
    expect((await activeIds(org)).classes).toEqual(["101-C1", "101-C2"]);
    // And the shortcut still works for the file the roster does hold.
    expect((await importBytes(org, a)).status).toBe("unchanged");
  });

  it("a student id whose first and last name both change is applied with a warning", async () => {
    const org = await newOrg();
    await importBytes(org, combinedCsv([{ school: "101", classId: "C1", studentId: "S1", first: "Ann", last: "Lee" }]));
    const result = await importBytes(
      org,
      combinedCsv([{ school: "101", classId: "C1", studentId: "S1", first: "Bob", last: "Ray" }]),
    );
    expect(result.status).toBe("applied");
    expect(result.counts.students.updated).toBe(1);
    expect(result.issues).toEqual([
      {
        row: 2,
        column: null,
        severity: "warning",
        code: "possible_id_reuse",
        message:
          'Student ID "S1" belonged to Ann Lee; this file names Bob Ray. The student\'s record takes the new name; student ids must never be reused, so check this one in your SIS.',
      },
    ]);
  });

  it("co-teachers: a class may have several teachers", async () => {
    const org = await newOrg();
    const result = await importBytes(
      org,
      combinedCsv([
        { school: "101", classId: "C1", studentId: "S1", teacherEmail: "a@district.test" },
        { school: "101", classId: "C1", studentId: "S1", teacherEmail: "b@district.test" },
        { school: "101", classId: "C1", studentId: "S2", teacherEmail: "a@district.test" },
      ]),
    );
    expect(result.counts.assignments.created).toBe(2);
    expect(result.counts.enrollments.created).toBe(2);
    expect((await activeIds(org)).assignments).toEqual(["C1/a@district.test", "C1/b@district.test"]);
    // Dropping one co-teacher ends only that assignment.
    const next = await importBytes(
      org,
      combinedCsv([
        { school: "101", classId: "C1", studentId: "S1", teacherEmail: "a@district.test" },
        { school: "101", classId: "C1", studentId: "S2", teacherEmail: "a@district.test" },
      ]),
    );
    expect(next.counts.assignments).toEqual({ created: 0, updated: 0, reactivated: 0, deactivated: 1 });
    expect((await activeIds(org)).assignments).toEqual(["C1/a@district.test"]);
  });

  it("staff are matched by staff id, then by email", async () => {
    const org = await newOrg();
    const row = (email: string, staffId?: string) => ({
      school: "101",
      classId: "C1",
      studentId: "S1",
      teacherEmail: email,
      staffId,
    });
    await importBytes(org, combinedCsv([row("tom@district.test")]));
    // Same email, now with a staff id: the same person gets the id.
    const withId = await importBytes(org, combinedCsv([row("tom@district.test", "T1")]));
    expect(withId.counts.staff).toEqual({ created: 0, updated: 1, reactivated: 0, deactivated: 0 });
    // Same staff id, new email: still the same person, email updated; the class keeps its teacher.
    const newEmail = await importBytes(org, combinedCsv([row("thomas@district.test", "T1")]));
    expect(newEmail.counts.staff).toEqual({ created: 0, updated: 1, reactivated: 0, deactivated: 0 });
    expect(newEmail.counts.assignments).toEqual({ created: 0, updated: 0, reactivated: 0, deactivated: 0 });
    const roster = await rosterOf(org);
    expect(roster.staff.map((s) => [s.staffId, s.email])).toEqual([["T1", "thomas@district.test"]]);
    expect(roster.assignments).toEqual([
      { classId: "C1", staffId: "T1", staffEmail: "thomas@district.test", active: true },
    ]);

    // An email that belongs to another staff id is refused, not merged.
    const conflict = await importBytes(org, combinedCsv([row("thomas@district.test", "T2")]));
    expect(conflict.status).toBe("applied_with_errors");
    expect(conflict.issues).toEqual([
      {
        row: 2,
        column: null,
        severity: "error",
        code: "staff_conflict",
        message:
          'thomas@district.test belongs to staff id "T1" in the roster, but this file gives staff id "T2"; staff ids are never reused. This teacher\'s rows were skipped; fix the staff id or email in your SIS.',
      },
    ]);
    expect((await rosterOf(org)).assignments).toEqual([
      { classId: "C1", staffId: "T1", staffEmail: "thomas@district.test", active: true },
    ]);
  });

  it("an error in the middle of apply rolls everything back and records the import as failed", async () => {
    const org = await newOrg();
    await importBytes(org, combinedCsv(grid("101", 2, 2)));
    const before = await writeStamp(org);
    const db = await getDb();
    // Teaching assignments are written after schools, people, classes and enrollments.
    await db.execute(
      sql.raw(`create or replace function fail_assignments() returns trigger language plpgsql as $$
      begin if new.organization_id = '${org}' then raise exception 'injected failure'; end if; return new; end $$`),
    );
    await db.execute(
      sql.raw(
        `create trigger fail_assignments before insert on teaching_assignments for each row execute function fail_assignments()`,
      ),
    );
    try {
      const result = await importBytes(org, combinedCsv([...grid("101", 2, 2), ...grid("303", 2, 2)]));
      expect(result.status).toBe("failed");
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ row: null, severity: "error", code: "internal_error" });
      expect(result.issues[0]?.message).toContain("injected failure");
      expect(result.issues[0]?.message).toContain("nothing was changed");
    } finally {
      await db.execute(sql.raw(`drop trigger fail_assignments on teaching_assignments`));
    }
    expect(await writeStamp(org)).toBe(before);
  });

  it("two concurrent imports for one organization never interleave", async () => {
    const org = await newOrg();
    const first = combinedCsv(grid("101", 4, 5));
    const second = combinedCsv([...grid("101", 4, 5), ...grid("202", 4, 5)]);
    const [a, b] = await Promise.all([importBytes(org, first), importBytes(org, second)]);
    // Whichever ran second saw the first one's roster: school 101 is created exactly once (if
    // the larger file went first, the smaller one then has nothing left to change).
    expect(b.status).toBe("applied");
    expect(["applied", "unchanged"]).toContain(a.status);
    expect(a.counts.schools.created + b.counts.schools.created).toBe(2);
    expect(a.counts.classes.created + b.counts.classes.created).toBe(8);
    expect((await activeIds(org)).classes).toHaveLength(8);
  });

  it("a preview changes nothing; applying it later re-plans against the roster as it is then", async () => {
    const org = await newOrg();
    const preview = await importBytes(org, combinedCsv(grid("101", 2, 2)), { mode: "preview", source: "upload" });
    expect(preview.status).toBe("preview");
    expect(preview.counts.classes.created).toBe(2);
    expect(await countRows("classes", org)).toBe(0);
    const applied = await applyPendingImport(await getDb(), org, preview.id, { label: "test" });
    expect(applied.status).toBe("applied");
    expect((await activeIds(org)).classes).toEqual(["101-C1", "101-C2"]);
    await expect(applyPendingImport(await getDb(), org, preview.id, { label: "test" })).rejects.toThrow(
      /^This import was already applied by test at .+\.$/,
    );
  });

  it("an upload over the threshold is held for review (a CLI dry run stays a preview)", async () => {
    const org = await newOrg();
    const lines = grid("101", 10, 1);
    await importBytes(org, combinedCsv(lines));
    const truncated = combinedCsv(lines.slice(0, 2));
    const upload = await importBytes(org, truncated, { mode: "preview", source: "upload", thresholdPercent: 10 });
    expect(upload.status).toBe("held");
    expect(upload.heldReason).toContain("would deactivate 8 of 10 active classes");
    const dryRun = await importBytes(org, truncated, { mode: "preview", source: "cli", thresholdPercent: 10 });
    expect(dryRun.status).toBe("preview");
    expect(dryRun.heldReason).toContain("would deactivate 8 of 10 active classes");
    expect((await activeIds(org)).classes).toHaveLength(10);
  });

  it("an id of another organization behaves as if it did not exist", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const preview = await importBytes(org, combinedCsv(grid("101", 1, 1)), { mode: "preview" });
    await expect(applyPendingImport(await getDb(), other, preview.id, { label: "test" })).rejects.toThrow(
      `No import ${preview.id} in this organization.`,
    );
  });
});

describe("people who left a combined file", () => {
  const studentsHeader = ["School ID", "Student ID", "First Name", "Last Name"];
  const studentRows = (ids: string[]) => ids.map((id) => ["101", id, `First${id}`, `Last${id}`]);
  const zero = { created: 0, updated: 0, reactivated: 0, deactivated: 0 };

  it("three students who leave the nightly file are deactivated, and the same records come back", async () => {
    const org = await newOrg();
    const lines = grid("101", 2, 10);
    await importBytes(org, combinedCsv(lines));
    const gone = ["101-S8", "101-S9", "101-S10"];
    const left = await importBytes(org, combinedCsv(lines.filter((l) => !gone.includes(l.studentId))));
    expect(left.counts.students).toEqual({ ...zero, deactivated: 3 });
    expect(left.counts.enrollments.deactivated).toBe(6);
    expect((await activeIds(org)).students).toHaveLength(7);

    const held = await importBytes(org, combinedCsv(lines.filter((l) => l.studentId === "101-S1")), {
      thresholdPercent: 10,
    });
    expect(held.status).toBe("held");
    expect(held.heldReason).toContain("deactivate 6 of 7 active students (85.7 %)");

    const back = await importBytes(org, combinedCsv(lines));
    expect(back.counts.students).toEqual({ ...zero, reactivated: 3 });
    const roster = await rosterOf(org);
    expect(roster.students.filter((s) => s.studentId === "101-S9")).toHaveLength(1);
    expect(roster.students.every((s) => s.active)).toBe(true);
  });

  it("students a students file lists are never deactivated by a combined file: the two never flap", async () => {
    const org = await newOrg();
    await importBytes(org, csv(studentsHeader, studentRows(["101-S1", "101-S2", "101-S3"])), { kind: "students" });
    await importBytes(org, combinedCsv(grid("101", 1, 3)));
    const combinedLeavesTwo = combinedCsv(grid("101", 1, 1));
    const first = await importBytes(org, combinedLeavesTwo);
    expect(first.counts.students).toEqual(zero); // S2 and S3 are the students file's
    expect(first.counts.enrollments.deactivated).toBe(2);
    for (let round = 0; round < 2; round += 1) {
      const students = await importBytes(org, csv(studentsHeader, studentRows(["101-S1", "101-S2", "101-S3"])), {
        kind: "students",
      });
      expect(students.counts.students).toEqual(zero);
      const combined = await importBytes(org, combinedLeavesTwo);
      expect(combined.status).toBe("unchanged");
    }
    expect((await activeIds(org)).students).toEqual(["101-S1", "101-S2", "101-S3"]);
  });

  it("a staff file does not deactivate a teacher only combined files name: the two never flap", async () => {
    const org = await newOrg();
    const lines = grid("101", 2, 2); // t1 and t2
    await importBytes(org, combinedCsv(lines));
    const staffFile = csv(
      ["School ID", "First Name", "Last Name", "Email"],
      [["101", "Tt1.101", "Teacher", "t1.101@district.test"]],
    );
    for (let round = 0; round < 2; round += 1) {
      const staff = await importBytes(org, staffFile, { kind: "staff" });
      expect(staff.counts.staff.deactivated).toBe(0);
      const combined = await importBytes(org, combinedCsv(lines));
      expect(combined.counts.staff).toEqual(zero);
    }
    expect((await activeIds(org)).staff).toEqual(["t1.101@district.test", "t2.101@district.test"]);
    // t1, listed by the staff file, stays when the combined file drops their class; t2 does not.
    const onlyC2 = await importBytes(org, combinedCsv(lines.filter((l) => l.classId === "101-C2")));
    expect(onlyC2.counts.staff).toEqual(zero);
    const onlyC1 = await importBytes(org, combinedCsv(lines.filter((l) => l.classId === "101-C1")));
    expect(onlyC1.counts.staff).toEqual({ ...zero, deactivated: 1 });
    expect((await activeIds(org)).staff).toEqual(["t1.101@district.test"]);
  });
});

describe("staff and students files", () => {
  it("a students file deactivates the students of its schools who are not in it; one who comes back is the same record", async () => {
    const org = await newOrg();
    const header = ["School ID", "Student ID", "First Name", "Last Name", "Grade"];
    const students = (ids: string[], school = "101") => ids.map((id) => [school, id, `F${id}`, `L${id}`, "9"]);
    await importBytes(org, csv(header, [...students(["S1", "S2", "S3"]), ...students(["X1"], "202")]), {
      kind: "students",
    });
    const left = await importBytes(org, csv(header, students(["S1", "S2"])), { kind: "students" });
    expect(left.counts.students).toEqual({ created: 0, updated: 0, reactivated: 0, deactivated: 1 });
    expect((await activeIds(org)).students).toEqual(["S1", "S2", "X1"]); // school 202 untouched

    const back = await importBytes(org, csv(header, students(["S1", "S2", "S3"])), { kind: "students" });
    expect(back.counts.students).toEqual({ created: 0, updated: 0, reactivated: 1, deactivated: 0 });
    const roster = await rosterOf(org);
    expect(roster.students.filter((s) => s.studentId === "S3")).toHaveLength(1);
    expect(roster.students.find((s) => s.studentId === "S3")?.active).toBe(true);
  });

  it("a staff file deactivates the staff of its schools who are not in it, but not someone who also works elsewhere", async () => {
    const org = await newOrg();
    const header = ["School ID", "First Name", "Last Name", "Email", "Staff ID"];
    await importBytes(
      org,
      csv(header, [
        ["101", "Ann", "A", "ann@district.test", "T1"],
        ["101", "Bob", "B", "bob@district.test", ""],
        ["101", "Cy", "C", "cy@district.test", ""],
        ["202", "Cy", "C", "cy@district.test", ""],
      ]),
      { kind: "staff" },
    );
    const result = await importBytes(org, csv(header, [["101", "Ann", "A", "ann@district.test", "T1"]]), {
      kind: "staff",
    });
    expect(result.counts.staff).toEqual({ created: 0, updated: 0, reactivated: 0, deactivated: 1 });
    expect((await activeIds(org)).staff).toEqual(["ann@district.test", "cy@district.test"]);
  });
});

describe("import records", () => {
  it("a saved column mapping overrides the header guess", async () => {
    const org = await newOrg();
    const header = ["School", "Pupil Number", "Given", "Family"];
    const bytes = csv(header, [["101", "0042", "Ann", "Lee"]]);
    const guessed = await importBytes(org, bytes, { kind: "students" });
    expect(guessed.status).toBe("failed");
    expect(guessed.issues[0]?.code).toBe("missing_column");

    const db = await getDb();
    await db.insert(columnMappings).values({
      organizationId: org,
      kind: "students",
      mapping: { schoolId: "School", studentId: "Pupil Number", firstName: "Given", lastName: "Family" },
    });
    const mapped = await importBytes(org, bytes, { kind: "students" });
    expect(mapped.status).toBe("applied");
    expect((await rosterOf(org)).students).toEqual([
      { studentId: "0042", firstName: "Ann", lastName: "Lee", email: null, grade: null, active: true },
    ]);
  });

  it("an upload whose columns cannot be matched asks for a mapping and records no import; the chosen mapping is used", async () => {
    const org = await newOrg();
    const bytes = csv(
      ["Building", "Kid Code", "First Name", "Last Name"],
      [
        ["101", "0042", "Ann", "Lee"],
        ["101", "0043", "Bo", "Kim"],
      ],
    );
    const error = await importBytes(org, bytes, { kind: "students", mode: "preview", askForMapping: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ColumnMappingNeeded);
    expect((error as Error).message).toBe(
      'The file has no "student id" column. Columns found: Building, Kid Code, First Name, Last Name.',
    );
    expect(error).toMatchObject({
      code: "missing_column",
      headers: ["Building", "Kid Code", "First Name", "Last Name"],
      samples: [
        ["101", "0042", "Ann", "Lee"],
        ["101", "0043", "Bo", "Kim"],
      ],
      guess: { schoolId: "Building", firstName: "First Name", lastName: "Last Name" },
    });
    expect(await countRows("imports", org)).toBe(0);

    const mapped = await importBytes(org, bytes, {
      kind: "students",
      mode: "preview",
      askForMapping: true,
      columnMapping: { schoolId: "Building", studentId: "Kid Code", firstName: "First Name", lastName: "Last Name" },
    });
    expect(mapped).toMatchObject({ status: "preview", rows: 2 });
    expect(mapped.counts.students.created).toBe(2);
  });

  it("parsed rows of a preview not decided within 24 hours are deleted and the preview is discarded", async () => {
    const org = await newOrg();
    const preview = await importBytes(org, combinedCsv(grid("101", 1, 2)), { mode: "preview" });
    expect(await countRows("import_staged_rows", org)).toBe(1);
    const db = await getDb();
    expect(await expireStagedImports(db, new Date(Date.now() + 23 * 3_600_000))).toBe(0);
    expect(await expireStagedImports(db, new Date(Date.now() + 25 * 3_600_000))).toBeGreaterThanOrEqual(1);
    expect(await countRows("import_staged_rows", org)).toBe(0);
    await expect(applyPendingImport(db, org, preview.id, { label: "test" })).rejects.toThrow(
      `Import ${preview.id} is discarded (Not applied within 24 hours; the parsed rows were deleted.); only a preview or a held import can be applied or discarded.`,
    );
  });

  it("an import left processing by a stopped server (its heartbeat stopped) is marked failed, and the next import runs", async () => {
    const org = await newOrg();
    const db = await getDb();
    const [stale] = await db
      .insert(imports)
      .values({
        organizationId: org,
        source: "nightly",
        kind: "combined",
        fileName: "cut.csv",
        fileSize: 1,
        sha256: "x",
        heartbeatAt: new Date(Date.now() - 2 * 60_000),
      })
      .returning();
    const next = await importBytes(org, combinedCsv(grid("101", 1, 1)));
    expect(next.status).toBe("applied");
    const [after] = await db.select().from(imports).where(eq(imports.id, stale!.id));
    expect(after).toMatchObject({ status: "failed", failureMessage: expect.stringContaining("interrupted") });
  });
});
