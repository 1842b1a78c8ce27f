import { zipSync } from "fflate";
import Papa from "papaparse";
import type { Executor } from "@/db/client";
import {
  ONEROSTER_11_HEADERS as HEADERS,
  ONEROSTER_11_MANIFEST_FILES as MANIFEST_FILES,
} from "@/lib/roster/oneroster-columns";
import {
  exportAssignments,
  exportClasses,
  exportEnrollments,
  exportSchools,
  exportStaff,
  exportStudents,
  type AssignmentRecord,
  type ClassRecord,
  type EnrollmentRecord,
  type OnBatch,
  type SchoolRecord,
  type StaffRecord,
  type StudentRecord,
} from "@/db/queries/export";

// The active roster as a OneRoster 1.1 CSV bulk set (docs/import-rules.md "Export"): manifest,
// orgs, academicSessions, courses, classes, users and enrollments, zipped. Importing it into an
// empty organization gives the same roster, and exporting that gives the same files.
//
// Ids: every sourcedId is our SIS id (school id, class id, student id; a teacher's staff id, or
// their email when they have none), and users' and schools' identifier is the same id, so the
// import's id rules read them back unchanged. Cells are written as they are (no spreadsheet
// formula escaping): this is a data interchange file, and its ids must survive exactly.

export type OneRosterFile = { name: string; text: string };

const DISTRICT = "district";

async function collect<T>(run: (onBatch: OnBatch<T>) => Promise<unknown>): Promise<T[]> {
  const all: T[] = [];
  await run((batch) => {
    all.push(...batch);
  });
  return all;
}

const csv = (header: readonly string[], rows: string[][]) =>
  `${Papa.unparse([[...header], ...rows], { newline: "\r\n" })}\r\n`;

/** The organization's active roster as OneRoster 1.1 bulk files (bulk: status and dates blank). */
export async function oneRosterFiles(
  db: Executor,
  organization: { id: string; name: string },
): Promise<OneRosterFile[]> {
  const active = { all: false };
  const id = organization.id;
  const schools = await collect<SchoolRecord>((b) => exportSchools(db, id, active, b));
  const classes = await collect<ClassRecord>((b) => exportClasses(db, id, active, b));
  const students = await collect<StudentRecord>((b) => exportStudents(db, id, active, b));
  const staff = await collect<StaffRecord>((b) => exportStaff(db, id, active, b));
  const enrollments = await collect<EnrollmentRecord>((b) => exportEnrollments(db, id, active, b));
  const assignments = await collect<AssignmentRecord>((b) => exportAssignments(db, id, active, b));

  const schoolOf = new Map(classes.map((klass) => [klass.classId, klass.schoolId]));
  const staffRef = (person: { staffId: string | null; email: string }) => person.staffId ?? person.email;
  const orgsOf = new Map<string, Set<string>>();
  const addOrg = (user: string, classId: string) => {
    const school = schoolOf.get(classId);
    if (school === undefined) return;
    const set = orgsOf.get(user) ?? new Set<string>();
    set.add(school);
    orgsOf.set(user, set);
  };
  for (const link of enrollments) addOrg(link.studentId, link.classId);
  for (const link of assignments) addOrg(staffRef({ staffId: link.staffId, email: link.staffEmail }), link.classId);
  const orgList = (user: string) => [...(orgsOf.get(user) ?? [])].sort().join(",");
  // Only terms that active classes use: a term is read back from its classes.
  const terms = [...new Set(classes.map((klass) => klass.term))].sort();

  const manifest = [
    ["manifest.version", "1.0"],
    ["oneroster.version", "1.1"],
    ...Object.entries(MANIFEST_FILES).map(([name, mode]) => [`file.${name}`, mode]),
    ["source.systemName", "RosterSync"],
    ["source.systemCode", ""],
  ];
  return [
    { name: "manifest.csv", text: csv(["propertyName", "value"], manifest) },
    {
      name: "orgs.csv",
      text: csv(HEADERS.orgs, [
        [DISTRICT, "", "", organization.name, "district", "", ""],
        ...schools.map((s) => [s.schoolId, "", "", s.name ?? s.schoolId, "school", s.schoolId, DISTRICT]),
      ]),
    },
    {
      name: "academicSessions.csv",
      text: csv(
        HEADERS.academicSessions,
        terms.map((term) => [term, "", "", term, "term", "", "", "", ""]),
      ),
    },
    {
      name: "courses.csv",
      text: csv(
        HEADERS.courses,
        classes.map((c) => [`course-${c.classId}`, "", "", "", c.name, c.classId, "", c.schoolId, "", ""]),
      ),
    },
    {
      name: "classes.csv",
      text: csv(
        HEADERS.classes,
        classes.map((c) => [
          c.classId,
          "",
          "",
          c.name,
          "",
          `course-${c.classId}`,
          c.classId,
          "scheduled",
          "",
          c.schoolId,
          c.term,
          "",
          "",
          c.period ?? "",
        ]),
      ),
    },
    {
      name: "users.csv",
      text: csv(HEADERS.users, [
        ...students.map((s) => [
          s.studentId,
          "",
          "",
          "true",
          orgList(s.studentId),
          "student",
          s.email ?? s.studentId,
          "",
          s.firstName,
          s.lastName,
          "",
          s.studentId,
          s.email ?? "",
          "",
          "",
          "",
          s.grade ?? "",
          "",
        ]),
        ...staff.map((t) => [
          staffRef(t),
          "",
          "",
          "true",
          orgList(staffRef(t)),
          "teacher",
          t.email,
          "",
          t.firstName,
          t.lastName,
          "",
          t.staffId ?? "",
          t.email,
          "",
          "",
          "",
          "",
          "",
        ]),
      ]),
    },
    {
      name: "enrollments.csv",
      text: csv(HEADERS.enrollments, [
        ...assignments.map((a) => {
          const user = staffRef({ staffId: a.staffId, email: a.staffEmail });
          return [
            `${a.classId}/${user}`,
            "",
            "",
            a.classId,
            schoolOf.get(a.classId) ?? "",
            user,
            "teacher",
            "false",
            "",
            "",
          ];
        }),
        ...enrollments.map((e) => [
          `${e.classId}/${e.studentId}`,
          "",
          "",
          e.classId,
          schoolOf.get(e.classId) ?? "",
          e.studentId,
          "student",
          "false",
          "",
          "",
        ]),
      ]),
    },
  ];
}

/** The files as one .zip (a fixed date: the same roster gives the same bytes). */
export function zipOneRoster(files: OneRosterFile[]): Uint8Array {
  const encoder = new TextEncoder();
  return zipSync(Object.fromEntries(files.map((file) => [file.name, encoder.encode(file.text)])), {
    mtime: new Date("2000-01-01T00:00:00Z"),
  });
}
