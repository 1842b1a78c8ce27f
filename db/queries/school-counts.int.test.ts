import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { listSchools } from "@/db/queries/roster-schools";
import { undoImport } from "@/lib/import/undo-import";
import { deleteOrganization } from "@/lib/privacy/delete-organization";
import { forgetPerson } from "@/lib/privacy/forget-person";
import { setStaffActive } from "@/lib/staff/set-staff-active";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, importBytes, type CombinedLine } from "@/tests/support/roster-files";

// The Schools tab's counts come from a cache (school_counts). Whatever changes the roster — an
// import, its undo, forgetting a person, an admin's deactivation, retention deleting old imports —
// the next view shows what counting the roster itself gives; offboarding leaves no counts behind.

const actor = { label: "test" };
const t1 = { teacherEmail: "t1@district.test" };
const t2 = { teacherEmail: "t2@district.test" };
/** S1: C1 (t1: 1, 2, 3), C2 (t2: 3, 4); S2: C3 (t2: 5). */
const district: CombinedLine[] = [
  { school: "S1", classId: "C1", studentId: "1", ...t1 },
  { school: "S1", classId: "C1", studentId: "2", ...t1 },
  { school: "S1", classId: "C1", studentId: "3", ...t1 },
  { school: "S1", classId: "C2", studentId: "3", ...t2 },
  { school: "S1", classId: "C2", studentId: "4", ...t2 },
  { school: "S2", classId: "C3", studentId: "5", ...t2 },
];

type Counts = Record<string, [classes: number, students: number, staff: number]>;

/** The counts the Schools tab shows (through the cache). */
async function shown(org: string): Promise<Counts> {
  const page = await listSchools(await getDb(), org, { q: "" }, 1);
  return Object.fromEntries(page.rows.map((s) => [s.schoolId, [s.classes, s.students, s.staff]]));
}

/** The same counts, counted from the roster now (docs/decisions.md "School counts"). */
async function counted(org: string): Promise<Counts> {
  const rows = rowsOf<{ school: string; classes: number; students: number; staff: number }>(
    await (
      await getDb()
    ).execute(sql`
      select sc.school_id as school,
        (select count(*)::int from classes c where c.school_id = sc.id and c.active) as classes,
        (select count(distinct s.id)::int from students s where s.active and (
          exists (select 1 from enrollments e join classes c on c.id = e.class_id
                  where e.student_id = s.id and e.active and c.active and c.school_id = sc.id)
          or exists (select 1 from student_schools l where l.student_id = s.id and l.school_id = sc.id and l.active))) as students,
        (select count(distinct st.id)::int from staff st where st.active and (
          exists (select 1 from teaching_assignments a join classes c on c.id = a.class_id
                  where a.staff_id = st.id and a.active and c.active and c.school_id = sc.id)
          or exists (select 1 from staff_schools l where l.staff_id = st.id and l.school_id = sc.id and l.active))) as staff
      from schools sc where sc.organization_id = ${org}`),
  );
  return Object.fromEntries(rows.map((r) => [r.school, [r.classes, r.students, r.staff]]));
}

async function expectCounts(org: string, expected: Counts) {
  expect(await counted(org)).toEqual(expected);
  expect(await shown(org)).toEqual(expected);
}

describe("school counts", () => {
  let org: string;
  let adminUserId: string;
  beforeAll(async () => {
    const made = await makeOrganization();
    org = made.organization.id;
    adminUserId = made.admin.userId;
  });

  it("follow imports and their undo", async () => {
    expect((await importBytes(org, combinedCsv(district))).status).toBe("applied");
    await expectCounts(org, { S1: [2, 4, 2], S2: [1, 1, 1] });
    // Student 4 leaves; in S2, class C3 ends and C4 (t1, student 7) starts.
    const next = [
      ...district.filter((l) => l.studentId !== "4" && l.classId !== "C3"),
      { school: "S1", classId: "C1", studentId: "6", ...t1 },
      { school: "S2", classId: "C4", studentId: "7", ...t1 },
    ];
    const second = await importBytes(org, combinedCsv(next));
    expect(second.status).toBe("applied");
    await expectCounts(org, { S1: [2, 4, 2], S2: [1, 1, 1] });
    await undoImport(await getDb(), org, second.id, actor);
    await expectCounts(org, { S1: [2, 4, 2], S2: [1, 1, 1] });
  });

  it("follow forgetting a student and a staff member", async () => {
    const db = await getDb();
    await forgetPerson(db, org, { kind: "student", studentId: "3" }, actor);
    await expectCounts(org, { S1: [2, 3, 2], S2: [1, 1, 1] });
    await forgetPerson(db, org, { kind: "staff", email: "t1@district.test" }, actor);
    await expectCounts(org, { S1: [2, 3, 1], S2: [1, 1, 1] });
  });

  it("follow an admin's deactivation and reactivation of a staff member", async () => {
    const db = await getDb();
    const [t2Row] = rowsOf<{ id: number | string }>(
      await db.execute(sql`select id from staff where organization_id = ${org} and email = 't2@district.test'`),
    );
    await setStaffActive(db, org, Number(t2Row!.id), false, { userId: adminUserId });
    await expectCounts(org, { S1: [2, 3, 0], S2: [1, 1, 0] });
    await setStaffActive(db, org, Number(t2Row!.id), true, { userId: adminUserId });
    await expectCounts(org, { S1: [2, 3, 1], S2: [1, 1, 1] });
  });

  it("follow an import applied after retention deleted an older one (as many applied imports as before)", async () => {
    const other = (await makeOrganization()).organization.id;
    const db = await getDb();
    const first = await importBytes(other, combinedCsv(district));
    await expectCounts(other, { S1: [2, 4, 2], S2: [1, 1, 1] });
    await db.execute(sql`delete from imports where organization_id = ${other} and id = ${first.id}`);
    // As many applied imports as before, but not the same roster: S2's class has two students now.
    await importBytes(other, combinedCsv([...district, { school: "S2", classId: "C3", studentId: "8", ...t2 }]));
    await expectCounts(other, { S1: [2, 4, 2], S2: [1, 2, 1] });
  });

  it("go with the organization when it is offboarded", async () => {
    const made = await makeOrganization();
    const other = made.organization.id;
    await importBytes(other, combinedCsv(district));
    await expectCounts(other, { S1: [2, 4, 2], S2: [1, 1, 1] });
    await deleteOrganization(await getDb(), made.organization.slug, made.organization.slug, actor);
    const left = rowsOf<{ n: number }>(
      await (await getDb()).execute(sql`select count(*)::int as n from school_counts where organization_id = ${other}`),
    );
    expect(left[0]?.n).toBe(0);
  });
});
