import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { listClasses } from "@/db/queries/roster-classes";
import { listSchools, renameSchool } from "@/db/queries/roster-schools";
import { listStaff } from "@/db/queries/roster-staff";
import { listStudents } from "@/db/queries/roster-students";
import { schools } from "@/db/schema/roster";
import { searchQuery } from "@/db/search-words";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, importBytes, type CombinedLine } from "@/tests/support/roster-files";

// Roster search ignores accents and case and matches the start of any word of a name, on the
// database this run uses (PGlite, or PostgreSQL with DATABASE_URL): the words the database
// stores (`search_words`, folded in SQL) and the words a search asks for (folded in JS) agree.

const teacher = { teacherEmail: "jose.nunez@district.test", teacherFirst: "José", teacherLast: "Núñez" };
const district: CombinedLine[] = [
  { school: "S1", classId: "C-1", className: "Español 2", studentId: "1001", first: "Zoë", last: "Smith", ...teacher },
  {
    school: "S1",
    classId: "C-1",
    className: "Español 2",
    studentId: "1002",
    first: "Ana María",
    last: "García López",
    ...teacher,
  },
  { school: "S1", classId: "C-1", className: "Español 2", studentId: "1003", first: "Mary-Kate", last: "O'Neil" },
  { school: "S1", classId: "C-2", className: "World History", studentId: "1004", first: "Łukasz", last: "Żółć" },
  { school: "S1", classId: "C-2", className: "World History", studentId: "1005", first: "ZOE", last: "GARCIA" },
  { school: "S1", classId: "C-2", className: "World History", studentId: "1006", first: "Nguyễn", last: "Thị Ánh" },
];

let org: string;

const students = async (q: string) =>
  (await listStudents(await getDb(), org, { q, status: "active" }, 1)).rows.map((s) => s.studentId).sort();

beforeAll(async () => {
  org = (await makeOrganization()).organization.id;
  expect((await importBytes(org, combinedCsv(district))).status).toBe("applied");
});

describe("roster search", () => {
  it.each([
    ["Zoe", ["1001", "1005"]],
    ["zoë", ["1001", "1005"]],
    ["ZOË SMITH", ["1001"]],
    ["garcia", ["1002", "1005"]],
    ["García", ["1002", "1005"]],
    ["lopez", ["1002"]],
    ["maria", ["1002"]],
    ["ana garcía lópez", ["1002"]],
    ["kate", ["1003"]],
    ["marykate", ["1003"]],
    ["mary-k", ["1003"]],
    ["oneil", ["1003"]],
    ["o'neil", ["1003"]],
    ["neil", ["1003"]],
    ["lukasz zolc", ["1004"]],
    ["nguyen anh", ["1006"]],
    ["thi", ["1006"]],
    ["100", ["1001", "1002", "1003", "1004", "1005", "1006"]],
    ["1004", ["1004"]],
    ["arcia", []],
    ["zoey", []],
  ])("students: %j finds %j", async (q, expected) => {
    expect(await students(q)).toEqual(expected);
  });

  it("finds staff by any word of the name or the start of the email, accents off", async () => {
    const db = await getDb();
    const emails = async (q: string) => (await listStaff(db, org, { q, status: "active" }, 1)).rows.map((s) => s.email);
    expect(await emails("jose nunez")).toEqual(["jose.nunez@district.test"]);
    expect(await emails("NÚÑEZ")).toEqual(["jose.nunez@district.test"]);
    expect(await emails("jose.n")).toEqual(["jose.nunez@district.test"]);
    expect(await emails("district")).toEqual([]);
  });

  it("finds classes by any word of the name or the start of the class id", async () => {
    const db = await getDb();
    const classIds = async (q: string) =>
      (await listClasses(db, org, { q, status: "active" }, 1)).rows.map((c) => c.classId);
    expect(await classIds("espanol")).toEqual(["C-1"]);
    expect(await classIds("history")).toEqual(["C-2"]);
    expect(await classIds("c-2")).toEqual(["C-2"]);
  });

  it("finds a school by any word of the name an admin gave it", async () => {
    const db = await getDb();
    const [s1] = (await listSchools(db, org, { q: "s1" }, 1)).rows;
    expect(await renameSchool(db, org, s1!.id, "École Saint-Exupéry")).toBe("S1");
    for (const q of ["ecole", "exupery", "saint-ex", "ÉCOLE SAINT"])
      expect((await listSchools(db, org, { q }, 1)).rows.map((s) => s.schoolId)).toEqual(["S1"]);
  });

  it("folds in the database as in JS: every text finds itself, whatever its accents and case", async () => {
    const samples = [
      "Zoë",
      "GARCÍA",
      "Łódź",
      "Øster Ærø",
      "Straße",
      "Nguyễn Thị Ánh",
      "İlhan Şahin",
      "ΟΔΥΣΣΕΥΣ",
      "Þór Æðelþrýð",
      "Ŀlum",
      "François-Xavier d’Arcy",
      "Søren Kierkegaard",
      "Dvořák",
      "Ἀριστοτέλης",
      "Иван Петров",
    ];
    const db = await getDb();
    const other = (await makeOrganization()).organization.id;
    await db
      .insert(schools)
      .values(samples.map((name, i) => ({ organizationId: other, schoolId: `X${i}`, name })))
      .returning({ id: schools.id });
    for (const [i, name] of samples.entries()) {
      for (const typed of [name, name.toLowerCase(), name.toUpperCase()]) {
        const query = searchQuery(typed.split(/\s+/));
        const found = rowsOf<{ schoolId: string }>(
          await db.execute(sql`select school_id as "schoolId" from schools
            where organization_id = ${other} and search_words @@ ${query}::tsquery`),
        ).map((r) => r.schoolId);
        expect(found, `${typed} → ${query}`).toContain(`X${i}`);
      }
    }
  });

  it("a name longer than a search word may be is stored and found by its start", async () => {
    // 995 characters (the cell limit is 1,000), 2,975 bytes: over the 2,047 bytes of a tsvector word.
    const long = `Wolfe${"中".repeat(990)}`;
    const other = (await makeOrganization()).organization.id;
    const result = await importBytes(other, combinedCsv([{ school: "S1", classId: "C1", studentId: "9", last: long }]));
    expect(result.status).toBe("applied");
    const page = await listStudents(await getDb(), other, { q: "wolfe", status: "active" }, 1);
    expect(page.rows.map((s) => s.studentId)).toEqual(["9"]);
  });
});
