import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { exportClassList, getClassFilterOptions, listClasses, type ClassListRow } from "@/db/queries/roster-classes";
import { pageOf } from "@/db/queries/roster-list";
import { exportSchoolList, listSchools, renameSchool } from "@/db/queries/roster-schools";
import { exportStaffList, listStaff } from "@/db/queries/roster-staff";
import { exportStudentList, listStudents, type StudentListRow } from "@/db/queries/roster-students";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, importBytes, type CombinedLine } from "@/tests/support/roster-files";

// The admin roster lists: every filter, search, order and page edge, and organization scoping
// (another organization's records never appear, its ids behave as if they did not exist).

const ann = { teacherEmail: "ann.adams@district.test", teacherFirst: "Ann", teacherLast: "Adams" };
const bob = { teacherEmail: "bob.baker@district.test", teacherFirst: "Bob", teacherLast: "Baker" };
const cat = { teacherEmail: "cat.cruz@district.test", teacherFirst: "Cat", teacherLast: "Cruz" };

/** S1: Algebra I (Ann), Biology (Bob), algebra II (Ann + Bob); S2: Art (Cat, another term). */
const district: CombinedLine[] = [
  { school: "S1", classId: "C-100", className: "Algebra I", studentId: "1001", first: "Ann", last: "Smith", ...ann },
  {
    school: "S1",
    classId: "C-100",
    className: "Algebra I",
    studentId: "1002",
    first: "Ana María",
    last: "López",
    ...ann,
  },
  { school: "S1", classId: "C-100", className: "Algebra I", studentId: "1003", first: "Zed", last: "smith", ...ann },
  { school: "S1", classId: "C-200", className: "Biology", studentId: "1001", first: "Ann", last: "Smith", ...bob },
  {
    school: "S1",
    classId: "C-200",
    className: "Biology",
    studentId: "2001",
    first: "Olu",
    last: "van der Berg",
    ...bob,
  },
  {
    school: "S1",
    classId: "X-300",
    className: "algebra II",
    studentId: "1002",
    first: "Ana María",
    last: "López",
    ...ann,
  },
  {
    school: "S1",
    classId: "X-300",
    className: "algebra II",
    studentId: "1002",
    first: "Ana María",
    last: "López",
    ...bob,
  },
  {
    school: "S2",
    classId: "A_1",
    className: "Art",
    term: "2025-26",
    studentId: "3001",
    first: "Pat",
    last: "Smithers",
    ...cat,
  },
];

let orgA: string;
let orgB: string;
let ids: { schools: Record<string, number>; terms: Record<string, number>; staff: Record<string, number> };

const all = { q: "", status: "active" as const };
const studentIds = (rows: { studentId: string }[]) => rows.map((r) => r.studentId);
const classIds = (rows: { classId: string }[]) => rows.map((r) => r.classId);

async function idMap(table: string, key: string, organizationId: string): Promise<Record<string, number>> {
  const db = await getDb();
  const result = await db.execute(
    sql`select id, ${sql.raw(key)} as key from ${sql.raw(table)} where organization_id = ${organizationId}`,
  );
  const rows = rowsOf<{ id: number | string; key: string }>(result);
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.id)]));
}

async function collect<T>(run: (onBatch: (rows: T[]) => void) => Promise<number>): Promise<T[]> {
  const out: T[] = [];
  await run((rows) => void out.push(...rows));
  return out;
}

beforeAll(async () => {
  orgA = (await makeOrganization()).organization.id;
  orgB = (await makeOrganization()).organization.id;
  expect((await importBytes(orgA, combinedCsv(district))).status).toBe("applied");
  // Organization B has the same ids and names: scoping must keep them apart.
  expect((await importBytes(orgB, combinedCsv(district))).status).toBe("applied");
  ids = {
    schools: await idMap("schools", "school_id", orgA),
    terms: await idMap("terms", "name", orgA),
    staff: await idMap("staff", "email", orgA),
  };
});

describe("Students", () => {
  it("lists active students by last name, first name (case-insensitive), then id", async () => {
    const page = await listStudents(await getDb(), orgA, all, 1);
    expect(studentIds(page.rows)).toEqual(["1002", "1001", "1003", "3001", "2001"]);
    expect(page).toMatchObject({ total: 5, totalCapped: false, page: 1, pageCount: 1 });
  });

  it.each([
    ["1001", ["1001"]],
    ["100", ["1002", "1001", "1003"]],
    ["smith", ["1001", "1003", "3001"]],
    ["SMITH", ["1001", "1003", "3001"]],
    ["ann smi", ["1001"]],
    ["smith ann", ["1001"]],
    ["ana maría", ["1002"]],
    ["maría", ["1002"]],
    ["lopez", ["1002"]],
    ["van der", ["2001"]],
    ["  zed   ", ["1003"]],
    ["%", []],
    ["_", []],
    ["nobody", []],
  ])("search %j finds %j (start of a word of the name, or of the id; each word)", async (q, expected) => {
    const page = await listStudents(await getDb(), orgA, { q, status: "active" }, 1);
    expect(studentIds(page.rows)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it("filters active, inactive or all", async () => {
    const db = await getDb();
    await db.execute(sql`update students set active = false where organization_id = ${orgA} and student_id = '2001'`);
    try {
      expect(studentIds((await listStudents(db, orgA, { q: "", status: "inactive" }, 1)).rows)).toEqual(["2001"]);
      expect(studentIds((await listStudents(db, orgA, { q: "", status: "active" }, 1)).rows)).not.toContain("2001");
      expect((await listStudents(db, orgA, { q: "", status: "all" }, 1)).total).toBe(5);
      expect(studentIds((await listStudents(db, orgA, { q: "van", status: "inactive" }, 1)).rows)).toEqual(["2001"]);
    } finally {
      await db.execute(sql`update students set active = true where organization_id = ${orgA} and student_id = '2001'`);
    }
  });

  it("downloads every match in list order, as the page shows them", async () => {
    const db = await getDb();
    const rows = await collect<StudentListRow>((onBatch) =>
      exportStudentList(db, orgA, { q: "smith", status: "active" }, onBatch),
    );
    expect(rows).toEqual((await listStudents(db, orgA, { q: "smith", status: "active" }, 1)).rows);
  });
});

describe("Classes", () => {
  it("lists classes by name (case-insensitive) with term, school, teachers and student count", async () => {
    const page = await listClasses(await getDb(), orgA, all, 1);
    expect(page.rows.map((c) => [c.classId, c.name, c.term, c.schoolId, c.teachers, c.students])).toEqual([
      ["C-100", "Algebra I", "2026-27", "S1", "Ann Adams", 3],
      ["X-300", "algebra II", "2026-27", "S1", "Ann Adams, Bob Baker", 1],
      ["A_1", "Art", "2025-26", "S2", "Cat Cruz", 1],
      ["C-200", "Biology", "2026-27", "S1", "Bob Baker", 2],
    ]);
  });

  it("filters by school, term, teacher and status, and combines them", async () => {
    const db = await getDb();
    const list = async (filters: Partial<Parameters<typeof listClasses>[2]>) =>
      classIds((await listClasses(db, orgA, { ...all, ...filters }, 1)).rows);
    expect(await list({ school: ids.schools.S2 })).toEqual(["A_1"]);
    expect(await list({ term: ids.terms["2026-27"] })).toEqual(["C-100", "X-300", "C-200"]);
    expect(await list({ teacher: ids.staff["bob.baker@district.test"] })).toEqual(["X-300", "C-200"]);
    expect(await list({ teacher: ids.staff["bob.baker@district.test"], q: "alg" })).toEqual(["X-300"]);
    expect(await list({ school: ids.schools.S2, term: ids.terms["2026-27"] })).toEqual([]);
    expect(await list({ status: "inactive" })).toEqual([]);
    // Another organization's school, term and teacher ids match nothing here.
    const other = await idMap("schools", "school_id", orgB);
    expect(await list({ school: other.S1 })).toEqual([]);
  });

  it.each([
    ["alg", ["C-100", "X-300"]],
    ["ALGEBRA I", ["C-100", "X-300"]],
    ["algebra ii", ["X-300"]],
    ["c-", ["C-100", "C-200"]],
    ["x-300", ["X-300"]],
    ["a_", ["A_1"]],
    ["a%", []],
    ["gebra", []],
  ])("search %j finds %j (start of a word of the name, or of the class id)", async (q, expected) => {
    expect(classIds((await listClasses(await getDb(), orgA, { ...all, q }, 1)).rows)).toEqual(expected);
  });

  it("shows ended classes under inactive after the next import", async () => {
    const org = (await makeOrganization()).organization.id;
    await importBytes(org, combinedCsv(district));
    await importBytes(org, combinedCsv(district.filter((l) => l.classId !== "C-200")));
    const db = await getDb();
    expect(classIds((await listClasses(db, org, { q: "", status: "inactive" }, 1)).rows)).toEqual(["C-200"]);
    expect(classIds((await listClasses(db, org, { q: "", status: "all" }, 1)).rows)).toEqual([
      "C-100",
      "X-300",
      "A_1",
      "C-200",
    ]);
    const csv = await collect<ClassListRow>((onBatch) =>
      exportClassList(db, org, { q: "", status: "inactive" }, onBatch),
    );
    expect(classIds(csv)).toEqual(["C-200"]);
  });

  it("offers every school and term, and the teachers of the chosen school", async () => {
    const options = await getClassFilterOptions(await getDb(), orgA, { school: ids.schools.S2 });
    expect(options.schools.map((s) => s.label)).toEqual(["S1", "S2"]);
    expect(options.terms.map((t) => t.label)).toEqual(["2026-27", "2025-26"]);
    expect(options.teachers?.map((t) => t.label)).toEqual(["Cruz, Cat (cat.cruz@district.test)"]);
    const everyone = await getClassFilterOptions(await getDb(), orgA);
    expect(everyone.teachers?.map((t) => t.id)).toEqual([
      ids.staff["ann.adams@district.test"],
      ids.staff["bob.baker@district.test"],
      ids.staff["cat.cruz@district.test"],
    ]);
  });
});

describe("Staff", () => {
  it("lists staff by last name with invitation status and active classes; searches name or email", async () => {
    const db = await getDb();
    const page = await listStaff(db, orgA, all, 1);
    expect(page.rows.map((s) => [s.email, s.invitationStatus, s.classes])).toEqual([
      ["ann.adams@district.test", "not_invited", 2],
      ["bob.baker@district.test", "not_invited", 2],
      ["cat.cruz@district.test", "not_invited", 1],
    ]);
    const emails = async (q: string) =>
      (await listStaff(db, orgA, { q, status: "active" }, 1)).rows.map((s) => s.email);
    expect(await emails("bob.b")).toEqual(["bob.baker@district.test"]);
    expect(await emails("cruz")).toEqual(["cat.cruz@district.test"]);
    expect(await emails("a")).toEqual(["ann.adams@district.test"]);
    expect(await emails("district")).toEqual([]);
    expect(await collect((onBatch) => exportStaffList(db, orgA, { q: "c", status: "all" }, onBatch))).toHaveLength(1);
  });
});

describe("Schools", () => {
  it("counts each school's active classes, students and staff", async () => {
    const page = await listSchools(await getDb(), orgA, { q: "" }, 1);
    expect(page.rows.map((s) => [s.schoolId, s.name, s.classes, s.students, s.staff])).toEqual([
      ["S1", null, 3, 4, 2],
      ["S2", null, 1, 1, 1],
    ]);
  });

  it("recounts students after the next import, and keeps an admin's name through imports", async () => {
    const org = (await makeOrganization()).organization.id;
    const db = await getDb();
    await importBytes(org, combinedCsv(district));
    const before = await listSchools(db, org, { q: "" }, 1);
    const s1 = before.rows.find((s) => s.schoolId === "S1");
    expect(s1?.students).toBe(4);
    expect(await renameSchool(db, org, s1!.id, "Lincoln High")).toBe("S1");
    await importBytes(
      org,
      combinedCsv([
        ...district.filter((l) => l.studentId !== "2001"),
        { school: "S1", classId: "C-200", className: "Biology", studentId: "2002", ...bob },
      ]),
    );
    await importBytes(
      org,
      combinedCsv([
        ...district.filter((l) => l.classId !== "C-200"),
        { school: "S1", classId: "C-100", className: "Algebra I", studentId: "2002", ...ann },
      ]),
    );
    const after = await listSchools(db, org, { q: "" }, 1);
    expect(after.rows.map((s) => [s.schoolId, s.name, s.classes, s.students, s.staff])).toEqual([
      ["S1", "Lincoln High", 2, 4, 2],
      ["S2", null, 1, 1, 1],
    ]);
    expect((await listSchools(db, org, { q: "linc" }, 1)).rows.map((s) => s.schoolId)).toEqual(["S1"]);
    expect(await collect((onBatch) => exportSchoolList(db, org, { q: "" }, onBatch))).toEqual(after.rows);
  });

  it("a school of another organization cannot be renamed and is not counted", async () => {
    const db = await getDb();
    const theirs = await idMap("schools", "school_id", orgB);
    expect(await renameSchool(db, orgA, theirs.S1!, "Hijacked")).toBeNull();
    const list = await listSchools(db, orgB, { q: "" }, 1);
    expect(list.rows.map((s) => s.name)).toEqual([null, null]);
  });
});

describe("pages", () => {
  let org: string;
  beforeAll(async () => {
    org = (await makeOrganization()).organization.id;
    // 51 students with the same name: the order falls back to the student id.
    const lines = Array.from({ length: 51 }, (_, i) => ({
      school: "P",
      classId: "P-1",
      studentId: String(100 + i),
      first: "Sam",
      last: "Lee",
    }));
    await importBytes(org, combinedCsv(lines.reverse()));
  });

  it("pages of 50 in a stable order; page numbers out of range answer the nearest page", async () => {
    const db = await getDb();
    const first = await listStudents(db, org, all, 1);
    const second = await listStudents(db, org, all, 2);
    expect(first).toMatchObject({ total: 51, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(50);
    expect(studentIds(first.rows).slice(0, 3)).toEqual(["100", "101", "102"]);
    expect(studentIds(second.rows)).toEqual(["150"]);
    expect(second.page).toBe(2);
    expect((await listStudents(db, org, all, 9)).page).toBe(2);
    expect(studentIds((await listStudents(db, org, all, 9)).rows)).toEqual(["150"]);
    expect((await listStudents(db, org, all, 0)).page).toBe(1);
    expect((await listStudents(db, org, all, -3)).page).toBe(1);
    expect((await listStudents(db, org, all, Number.NaN)).page).toBe(1);
    expect(await listStudents(db, org, { q: "nobody", status: "active" }, 3)).toMatchObject({
      rows: [],
      total: 0,
      page: 1,
      pageCount: 1,
    });
    expect(await collect((onBatch) => exportStudentList(db, org, all, onBatch))).toEqual([
      ...first.rows,
      ...second.rows,
    ]);
  });

  it("counts up to the cap and pages no further", async () => {
    const db = await getDb();
    const query = { select: sql`g as n`, from: sql`generate_series(1, 30) g`, orderBy: sql`g` };
    const capped = await pageOf<{ n: number }>(db, query, 99, { pageSize: 10, countCap: 25 });
    expect(capped).toMatchObject({ total: 26, totalCapped: true, page: 3, pageCount: 3 });
    expect(capped.rows.map((r) => Number(r.n))).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(await pageOf(db, query, 1, { pageSize: 10, countCap: 30 })).toMatchObject({
      total: 30,
      totalCapped: false,
      pageCount: 3,
    });
  });
});

describe("organization scoping", () => {
  it("an organization with nothing imported lists nothing, whatever exists elsewhere", async () => {
    const empty = (await makeOrganization()).organization.id;
    const db = await getDb();
    expect((await listStudents(db, empty, all, 1)).total).toBe(0);
    expect((await listClasses(db, empty, all, 1)).total).toBe(0);
    expect((await listStaff(db, empty, all, 1)).total).toBe(0);
    expect((await listSchools(db, empty, { q: "" }, 1)).total).toBe(0);
    expect(await getClassFilterOptions(db, empty)).toEqual({ schools: [], terms: [], teachers: [] });
  });

  it("the same ids in two organizations are two records, each listed only in its own", async () => {
    const db = await getDb();
    const a = (await listStudents(db, orgA, { q: "1001", status: "all" }, 1)).rows;
    const b = (await listStudents(db, orgB, { q: "1001", status: "all" }, 1)).rows;
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]!.id).not.toBe(b[0]!.id);
    const teacherOfB = (await idMap("staff", "email", orgB))["ann.adams@district.test"];
    expect((await listClasses(db, orgA, { ...all, teacher: teacherOfB }, 1)).total).toBe(0);
  });
});
