import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { listUsableMemberships } from "@/db/queries/memberships";
import { getMyClassRoster, listMyClasses } from "@/db/queries/my-classes";
import { getClassDetail, listClasses } from "@/db/queries/roster-classes";
import { getStudentDetail } from "@/db/queries/roster-students";
import { users } from "@/db/schema/auth";
import { DEMO_ROSTER, seedDemo, seedDemoRoster } from "@/lib/demo/seed";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, importBytes, type CombinedLine } from "@/tests/support/roster-files";

// The class page, the student page (classes now and ended, the imports behind them) and My
// classes (a teacher's own active classes and rosters, nothing else).

const ann = { teacherEmail: "ann@district.test", teacherFirst: "Ann", teacherLast: "Adams" };
const bob = { teacherEmail: "bob@district.test", teacherFirst: "Bob", teacherLast: "Baker" };

const line = (
  classId: string,
  className: string,
  studentId: string,
  teacher: typeof ann,
  extra: Partial<CombinedLine> = {},
): CombinedLine => ({
  school: "S1",
  classId,
  className,
  studentId,
  first: `F${studentId}`,
  last: `L${studentId}`,
  ...teacher,
  ...extra,
});

const firstFile = [
  line("ALG", "Algebra", "1", ann, { period: "2" }),
  line("ALG", "Algebra", "2", ann, { period: "2" }),
  line("ALG", "Algebra", "3", ann, { period: "2" }),
  line("GEO", "Geometry", "1", ann, { period: "10" }),
  line("STAT", "Statistics", "2", ann, { term: "2027-28", period: "1" }),
  line("BIO", "Biology", "3", bob),
  line("BIO", "Biology", "4", bob),
];
// The next night: student 3 left Algebra, Bob co-teaches Algebra, Geometry is gone.
const secondFile = [
  line("ALG", "Algebra", "1", ann, { period: "2" }),
  line("ALG", "Algebra", "2", ann, { period: "2" }),
  line("ALG", "Algebra", "1", bob, { period: "2" }),
  line("STAT", "Statistics", "2", ann, { term: "2027-28", period: "1" }),
  line("BIO", "Biology", "3", bob),
  line("BIO", "Biology", "4", bob),
];

let org: string;
let other: string;
let firstImport: string;
let secondImport: string;
const idOf: Record<string, number> = {};

async function lookUp(
  table: "classes" | "students" | "staff",
  key: string,
  organizationId: string,
): Promise<Record<string, number>> {
  const rows = rowsOf<{ id: number | string; key: string }>(
    await (
      await getDb()
    ).execute(sql`select id, ${sql.raw(key)} as key from ${sql.raw(table)} where organization_id = ${organizationId}`),
  );
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.id)]));
}

beforeAll(async () => {
  org = (await makeOrganization()).organization.id;
  other = (await makeOrganization()).organization.id;
  firstImport = (await importBytes(org, combinedCsv(firstFile), { fileName: "monday.csv" })).id;
  secondImport = (await importBytes(org, combinedCsv(secondFile), { fileName: "tuesday.csv" })).id;
  await importBytes(other, combinedCsv(firstFile));
  Object.assign(
    idOf,
    await lookUp("classes", "class_id", org),
    await lookUp("students", "'s' || student_id", org),
    await lookUp("staff", "email", org),
  );
});

describe("class page", () => {
  it("shows term, period, school, teachers, students in it now first, and the imports behind it", async () => {
    const detail = await getClassDetail(await getDb(), org, idOf.ALG!);
    expect(detail).toMatchObject({
      classId: "ALG",
      name: "Algebra",
      period: "2",
      term: "2026-27",
      schoolId: "S1",
      active: true,
    });
    expect(detail?.teachers.map((t) => [t.email, t.assignmentActive])).toEqual([
      ["ann@district.test", true],
      ["bob@district.test", true],
    ]);
    expect(detail?.students.map((s) => [s.studentId, s.firstName, s.lastName, s.enrollmentActive])).toEqual([
      ["1", "F1", "L1", true],
      ["2", "F2", "L2", true],
      ["3", "F3", "L3", false],
    ]);
    expect(
      detail?.history.map((h) => [
        h.importId,
        h.fileName,
        h.changes.map((c) => `${c.kind} ${c.target} ${c.subject ?? ""}`.trim()),
      ]),
    ).toEqual([
      [secondImport, "tuesday.csv", ["ended student 3", "added teacher bob@district.test"]],
      [
        firstImport,
        "monday.csv",
        ["created record", "added student 1", "added student 2", "added student 3", "added teacher ann@district.test"],
      ],
    ]);
  });

  it("an ended class keeps its page, marked inactive", async () => {
    const detail = await getClassDetail(await getDb(), org, idOf.GEO!);
    expect(detail?.active).toBe(false);
    expect(detail?.history[0]).toMatchObject({
      importId: secondImport,
      changes: [
        { kind: "changed", target: "record" },
        { kind: "ended", target: "student", subject: "1" },
        { kind: "ended", target: "teacher" },
      ],
    });
  });

  it("another organization's class id, or no such id, is null", async () => {
    const theirs = await lookUp("classes", "class_id", other);
    expect(await getClassDetail(await getDb(), org, theirs.ALG!)).toBeNull();
    expect(await getClassDetail(await getDb(), org, 987654321)).toBeNull();
  });
});

describe("student page", () => {
  it("lists current classes first, then ended ones with when they ended, and the history", async () => {
    const detail = await getStudentDetail(await getDb(), org, idOf.s3!);
    expect(detail).toMatchObject({ studentId: "3", firstName: "F3", lastName: "L3", active: true });
    expect(detail?.classes.map((c) => [c.classId, c.current, c.endedAt !== null, c.teachers])).toEqual([
      ["BIO", true, false, "Bob Baker"],
      ["ALG", false, true, "Ann Adams, Bob Baker"],
    ]);
    expect(detail?.history.map((h) => h.changes.map((c) => `${c.kind} ${c.target} ${c.subject ?? ""}`.trim()))).toEqual(
      [["ended class ALG"], ["created record", "added class ALG", "added class BIO"]],
    );
  });

  it("a class that ended ends the student's place in it", async () => {
    const detail = await getStudentDetail(await getDb(), org, idOf.s1!);
    expect(detail?.classes.filter((c) => !c.current).map((c) => c.classId)).toEqual(["GEO"]);
  });

  it("another organization's student id is null", async () => {
    const theirs = await lookUp("students", "student_id", other);
    expect(await getStudentDetail(await getDb(), org, theirs["3"]!)).toBeNull();
  });
});

describe("My classes", () => {
  it("a teacher sees their active classes, newest term first, then by period (numbers as numbers)", async () => {
    const db = await getDb();
    const mine = await listMyClasses(db, org, idOf["ann@district.test"]!);
    expect(mine.map((c) => [c.term, c.classId, c.period, c.schoolId, c.students])).toEqual([
      ["2027-28", "STAT", "1", "S1", 1],
      ["2026-27", "ALG", "2", "S1", 2],
    ]);
    // Geometry ended with the second import: gone from the list.
    const bobs = await listMyClasses(db, org, idOf["bob@district.test"]!);
    expect(bobs.map((c) => c.classId)).toEqual(["BIO", "ALG"]); // periods 1 and 2
  });

  it("a class roster is its active students; any class that is not theirs is null", async () => {
    const db = await getDb();
    const annId = idOf["ann@district.test"]!;
    const roster = await getMyClassRoster(db, org, annId, idOf.ALG!);
    expect(roster?.students).toEqual([
      { firstName: "F1", lastName: "L1", studentId: "1" },
      { firstName: "F2", lastName: "L2", studentId: "2" },
    ]);
    expect(await getMyClassRoster(db, org, annId, idOf.BIO!)).toBeNull(); // Bob's class
    expect(await getMyClassRoster(db, org, annId, idOf.GEO!)).toBeNull(); // ended
    expect(await getMyClassRoster(db, other, annId, idOf.ALG!)).toBeNull(); // wrong organization
    const theirs = await lookUp("classes", "class_id", other);
    expect(await getMyClassRoster(db, org, annId, theirs.ALG!)).toBeNull();
  });

  it("a deactivated student leaves the roster and the count", async () => {
    const db = await getDb();
    await db.execute(sql`update students set active = false where organization_id = ${org} and student_id = '2'`);
    try {
      const roster = await getMyClassRoster(db, org, idOf["ann@district.test"]!, idOf.ALG!);
      expect(roster?.students.map((s) => s.studentId)).toEqual(["1"]);
      expect(roster?.class.students).toBe(1);
    } finally {
      await db.execute(sql`update students set active = true where organization_id = ${org} and student_id = '2'`);
    }
  });
});

describe("db:seed --roster", () => {
  it("imports the demo roster once and links its teacher as accepting an invitation does", async () => {
    const db = await getDb();
    const { organizationId, importStatus } = await seedDemoRoster(db);
    expect(importStatus).toBe("applied");
    expect(await seedDemoRoster(db)).toEqual({ organizationId, importStatus: "unchanged" });
    // Demo District is another organization and stays empty, for trying imports.
    const demo = await seedDemo(db);
    expect(demo.organizationId).not.toBe(organizationId);
    expect((await listClasses(db, demo.organizationId, { q: "", status: "all" }, 1)).total).toBe(0);
    const [user] = await db.select().from(users).where(eq(users.email, DEMO_ROSTER.teacherEmail));
    const memberships = await listUsableMemberships(db, user!.id);
    expect(memberships).toMatchObject([{ organizationId, role: "staff" }]);
    const mine = await listMyClasses(db, organizationId, memberships[0]!.staffId!);
    expect(mine.map((c) => c.name)).toEqual(["Statistics", "Algebra I", "Geometry"]);
    const [verified] = await db
      .select({ at: users.emailVerified })
      .from(users)
      .where(and(eq(users.id, user!.id)));
    expect(verified?.at).toBeInstanceOf(Date);
  });
});
