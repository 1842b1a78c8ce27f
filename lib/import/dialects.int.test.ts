import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENTITY_TYPES, type EntityType, type ImportCounts } from "@/lib/import/plan-types";
import type { ImportIssue, ImportKind } from "@/lib/import/types";
import { makeOrganization } from "@/tests/support/factories";
import { activeIds, importBytes, rosterOf, writeStamp } from "@/tests/support/roster-files";

// One realistic file per SIS header dialect, encoding and format (lib/import/fixtures/dialects/),
// imported end to end on a real database. Every file holds the same roster — two schools, three
// classes (one co-taught, one named with a comma, quotes and a line break), six students, three
// teachers — so every dialect of a kind must leave the same roster behind: ids with their
// leading zeros, emails lower-cased, accents and curly apostrophes intact.
// The binary and encoded files are written by lib/import/fixtures/generate.ts.

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "fixtures", "dialects", name)));
const newOrg = async () => (await makeOrganization()).organization.id;

type Roster = Awaited<ReturnType<typeof rosterOf>>;

/** Import counts of a first import into an empty organization: only creates. */
function created(counts: Partial<Record<EntityType, number>>): ImportCounts {
  return Object.fromEntries(
    ENTITY_TYPES.map((type) => [type, { created: counts[type] ?? 0, updated: 0, reactivated: 0, deactivated: 0 }]),
  ) as ImportCounts;
}
const NOTHING = created({});

const warning = (column: string | null, code: string, message: string): ImportIssue => ({
  file: null,
  row: 1,
  column,
  severity: "warning",
  code,
  message,
});

// ---------------------------------------------------------------------------------------------
// The roster every file describes.

const BIOLOGY = 'Biología, "Lab"\nBlock B';

const SCHOOLS: Roster["schools"] = [
  { schoolId: "101", name: null, active: true },
  { schoolId: "205", name: null, active: true },
];

const STUDENTS: Roster["students"] = [
  {
    studentId: "0012301",
    firstName: "José",
    lastName: "Núñez",
    email: "jose.nunez@students.lincoln-usd.test",
    grade: "09",
    active: true,
  },
  {
    studentId: "0012302",
    firstName: "Zoë",
    lastName: "O’Brien",
    email: "zoe.obrien@students.lincoln-usd.test",
    grade: "09",
    active: true,
  },
  {
    studentId: "0012303",
    firstName: "François",
    lastName: "Lefèvre",
    email: "francois.lefevre@students.lincoln-usd.test",
    grade: "10",
    active: true,
  },
  {
    studentId: "0012304",
    firstName: "Björn",
    lastName: "Müller",
    email: "bjorn.muller@students.lincoln-usd.test",
    grade: "10",
    active: true,
  },
  {
    studentId: "0012305",
    firstName: "Ana María",
    lastName: "Peña",
    email: "anamaria.pena@students.lincoln-usd.test",
    grade: "11",
    active: true,
  },
  { studentId: "0012306", firstName: "Chloé", lastName: "Durand", email: null, grade: "11", active: true },
];

const STAFF: Roster["staff"] = [
  {
    staffId: "004512",
    email: "ana.perez@lincoln-usd.test",
    firstName: "Ana",
    lastName: "Pérez",
    active: true,
    invitationStatus: "not_invited",
  },
  {
    staffId: "004527",
    email: "mh.cote@lincoln-usd.test",
    firstName: "Marie-Hélène",
    lastName: "Côté",
    active: true,
    invitationStatus: "not_invited",
  },
  {
    staffId: "004519",
    email: "soconnor@lincoln-usd.test",
    firstName: "Seán",
    lastName: "O’Connor",
    active: true,
    invitationStatus: "not_invited",
  },
];

const COMBINED_ROSTER: Roster = {
  schools: SCHOOLS,
  terms: [{ name: "2026-27", active: true }],
  classes: [
    { classId: "48213", name: "Algebra I", period: "1(A)", term: "2026-27", schoolId: "101", active: true },
    { classId: "48214", name: "English 9 – Honors", period: "2(A)", term: "2026-27", schoolId: "101", active: true },
    { classId: "51007", name: BIOLOGY, period: "4(A)", term: "2026-27", schoolId: "205", active: true },
  ],
  students: STUDENTS,
  staff: STAFF,
  enrollments: [
    { classId: "48213", studentId: "0012301", active: true },
    { classId: "48213", studentId: "0012302", active: true },
    { classId: "48213", studentId: "0012303", active: true },
    { classId: "48214", studentId: "0012301", active: true },
    { classId: "48214", studentId: "0012304", active: true },
    { classId: "51007", studentId: "0012305", active: true },
    { classId: "51007", studentId: "0012306", active: true },
  ],
  assignments: [
    { classId: "48213", staffId: "004512", staffEmail: "ana.perez@lincoln-usd.test", active: true },
    { classId: "48214", staffId: "004519", staffEmail: "soconnor@lincoln-usd.test", active: true },
    { classId: "51007", staffId: "004512", staffEmail: "ana.perez@lincoln-usd.test", active: true },
    { classId: "51007", staffId: "004527", staffEmail: "mh.cote@lincoln-usd.test", active: true },
  ],
};

const COMBINED_ACTIVE = {
  classes: ["48213", "48214", "51007"],
  students: ["0012301", "0012302", "0012303", "0012304", "0012305", "0012306"],
  staff: ["ana.perez@lincoln-usd.test", "mh.cote@lincoln-usd.test", "soconnor@lincoln-usd.test"],
  enrollments: [
    "48213/0012301",
    "48213/0012302",
    "48213/0012303",
    "48214/0012301",
    "48214/0012304",
    "51007/0012305",
    "51007/0012306",
  ],
  assignments: [
    "48213/ana.perez@lincoln-usd.test",
    "48214/soconnor@lincoln-usd.test",
    "51007/ana.perez@lincoln-usd.test",
    "51007/mh.cote@lincoln-usd.test",
  ],
};

/** PowerSchool names its term only by CC.TermID (3600); "[13]Abbreviation" (26-27) is not recognised. */
const withTerm = (roster: Roster, term: string): Roster => ({
  ...roster,
  terms: [{ name: term, active: true }],
  classes: roster.classes.map((c) => ({ ...c, term })),
});

type Case = { file: string; rows: number; warnings: ImportIssue[]; roster: Roster; active?: unknown };

/** Imports a fixture into a new organization, checks the result and the roster, then re-imports it. */
async function importsCleanly(kind: ImportKind, { file, rows, warnings, roster, active }: Case, counts: ImportCounts) {
  const org = await newOrg();
  const bytes = fixture(file);

  const result = await importBytes(org, bytes, { kind, fileName: file });
  expect(result).toMatchObject({ status: "applied", kind, fileName: file, rows });
  expect(result.issues.filter((issue) => issue.severity === "error")).toEqual([]);
  expect(result.issues).toEqual(warnings);
  expect(result.counts).toEqual(counts);
  expect(await rosterOf(org)).toEqual(roster);
  if (active) expect(await activeIds(org)).toEqual(active);

  const before = await writeStamp(org);
  const again = await importBytes(org, bytes, { kind, fileName: file, alwaysCompare: true });
  expect(again).toMatchObject({ status: "unchanged", kind, rows, issues: warnings });
  expect(again.counts).toEqual(NOTHING);
  expect(await writeStamp(org)).toBe(before);
  return org;
}

// ---------------------------------------------------------------------------------------------

describe("combined files, one per SIS dialect, encoding and format", () => {
  const counts = created({ schools: 2, terms: 1, classes: 3, students: 6, staff: 3, enrollments: 7, assignments: 4 });
  const same = { rows: 9, roster: COMBINED_ROSTER, active: COMBINED_ACTIVE };
  const cases: Case[] = [
    // GradeCam / Gradient's own headers, UTF-8, LF.
    { file: "gradecam-combined.csv", ...same, warnings: [] },
    // PowerSchool table-numbered and table-qualified names ([01] student, [05] teacher, CC., [02], [03], [13]).
    {
      file: "powerschool-combined.csv",
      ...same,
      roster: withTerm(COMBINED_ROSTER, "3600"),
      warnings: [
        warning(
          "[03]Section_Number",
          "ambiguous_column",
          'Used "CC.SectionID" (column D) for the class id and ignored "[03]Section_Number" (column E); save a column mapping to use another column.',
        ),
        warning(null, "unknown_columns", 'Ignored 1 column this kind of file does not use: "[13]Abbreviation".'),
      ],
    },
    // Infinite Campus camelCase names, TAB-delimited; bare firstName/lastName/email are the student's.
    {
      file: "infinite-campus-combined.tsv",
      ...same,
      warnings: [
        warning(
          "teacherPersonID",
          "ambiguous_column",
          'Used "staffNumber" (column L) for the staff id and ignored "teacherPersonID" (column K); save a column mapping to use another column.',
        ),
      ],
    },
    // Microsoft SDS names (SIS ID style; the teacher's address in Teacher Username, the student's in Secondary Email).
    { file: "sds-combined.csv", ...same, warnings: [] },
    // GradeCam headers in every encoding and format Excel saves.
    { file: "combined-semicolon-utf8bom.csv", ...same, warnings: [] },
    { file: "combined.xlsx", ...same, warnings: [] },
    { file: "combined.xls", ...same, warnings: [] },
    { file: "combined-utf16le.txt", ...same, warnings: [] },
    { file: "combined-windows-1252.csv", ...same, warnings: [] },
    { file: "combined-crlf-quoted.csv", ...same, warnings: [] },
  ];

  for (const c of cases) {
    it(`${c.file} imports the roster, and again changes nothing`, async () => {
      await importsCleanly("combined", c, counts);
    });
  }

  it("every dialect imported over another's roster changes nothing (PowerSchool aside: its term is CC.TermID)", async () => {
    const files = cases.map((c) => c.file).filter((file) => file !== "powerschool-combined.csv");
    const org = await newOrg();
    const [first, ...rest] = files;
    expect((await importBytes(org, fixture(first!), { fileName: first })).status).toBe("applied");
    const before = await writeStamp(org);
    for (const file of rest) {
      const result = await importBytes(org, fixture(file), { fileName: file });
      expect({ file, status: result.status, counts: result.counts }).toEqual({
        file,
        status: "unchanged",
        counts: NOTHING,
      });
    }
    expect(await writeStamp(org)).toBe(before);
    expect(await rosterOf(org)).toEqual(COMBINED_ROSTER);
  });
});

describe("students files, one per SIS dialect", () => {
  const counts = created({ schools: 2, students: 6 });
  const roster = (students: Roster["students"]): Roster => ({
    schools: SCHOOLS,
    terms: [],
    classes: [],
    students,
    staff: [],
    enrollments: [],
    assignments: [],
  });
  const cases: Case[] = [
    // Clever SIS-upload students.csv: Student_number (the district's number) wins over Student_id.
    {
      file: "clever-students.csv",
      rows: 6,
      roster: roster(STUDENTS),
      warnings: [
        warning(
          "Student_id",
          "ambiguous_column",
          'Used "Student_number" (column C) for the student id and ignored "Student_id" (column B); save a column mapping to use another column.',
        ),
      ],
    },
    // OneRoster v1.1 users.csv with its full header (student rows only): sourcedId wins over identifier.
    {
      file: "oneroster-users-students.csv",
      rows: 6,
      roster: roster(STUDENTS),
      warnings: [
        warning(
          "identifier",
          "ambiguous_column",
          'Used "sourcedId" (column A) for the student id and ignored "identifier" (column L); save a column mapping to use another column.',
        ),
        warning(
          null,
          "unknown_columns",
          'Ignored 11 columns this kind of file does not use: "status", "dateLastModified", "enabledUser", "role", "username", "userIds", "middleName", "sms", "phone", "agentSourcedIds", "password".',
        ),
      ],
    },
    // Microsoft SDS Student.csv: a student's Username is never taken as their email.
    {
      file: "sds-students.csv",
      rows: 6,
      roster: roster(STUDENTS.map((student) => ({ ...student, email: null }))),
      warnings: [warning(null, "unknown_columns", 'Ignored 1 column this kind of file does not use: "Username".')],
    },
  ];

  for (const c of cases) {
    it(`${c.file} imports the students, and again changes nothing`, async () => {
      const org = await importsCleanly("students", c, counts);
      expect((await activeIds(org)).students).toEqual(COMBINED_ACTIVE.students);
    });
  }
});

describe("staff files, one per SIS dialect", () => {
  // Ana Pérez works at both schools: one row per school, one staff member.
  const counts = created({ schools: 2, staff: 3 });
  const roster: Roster = {
    schools: SCHOOLS,
    terms: [],
    classes: [],
    students: [],
    staff: STAFF,
    enrollments: [],
    assignments: [],
  };
  const cases: Case[] = [
    // Clever SIS-upload teachers.csv: Teacher_number wins over Teacher_id.
    {
      file: "clever-teachers.csv",
      rows: 4,
      roster,
      warnings: [
        warning(
          "Teacher_id",
          "ambiguous_column",
          'Used "Teacher_number" (column C) for the staff id and ignored "Teacher_id" (column B); save a column mapping to use another column.',
        ),
      ],
    },
    // Microsoft SDS Teacher.csv: the address is only in Username.
    { file: "sds-teachers.csv", rows: 4, roster, warnings: [] },
    // PowerSchool Teachers export ([05]): Teacher_Number wins over the per-school [05]ID.
    {
      file: "powerschool-staff.csv",
      rows: 4,
      roster,
      warnings: [
        warning(
          "[05]ID",
          "ambiguous_column",
          'Used "[05]Teacher_Number" (column C) for the staff id and ignored "[05]ID" (column A); save a column mapping to use another column.',
        ),
        warning(null, "unknown_columns", 'Ignored 1 column this kind of file does not use: "[05]Status".'),
      ],
    },
  ];

  for (const c of cases) {
    it(`${c.file} imports the staff, and again changes nothing`, async () => {
      const org = await importsCleanly("staff", c, counts);
      expect((await activeIds(org)).staff).toEqual(COMBINED_ACTIVE.staff);
    });
  }
});
