import Papa from "papaparse";
import { zipSync } from "fflate";
import { ONEROSTER_11_HEADERS } from "@/lib/roster/oneroster-columns";

// The bench's combined CSV as a OneRoster 1.1 CSV bulk set (.zip) of the same roster: the
// "oneroster" step imports it and compares its time with the combined file's first import.
// Built from the combined rows (setup, not measured); columns as the 1.1 spec lists them.

const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csv = (header: string[], rows: string[][]) =>
  [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";

export function combinedToOneRoster(combined: Uint8Array): Uint8Array {
  const parsed = Papa.parse<string[]>(new TextDecoder().decode(combined), { skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  const at = (name: string) => header.indexOf(name);
  const c = {
    term: at("Term"),
    school: at("School ID"),
    className: at("Class Name"),
    classId: at("Class ID"),
    period: at("Class Period"),
    studentFirst: at("Student First"),
    studentLast: at("Student Last"),
    studentId: at("Student ID"),
    teacherFirst: at("Teacher First"),
    teacherLast: at("Teacher Last"),
    teacherEmail: at("Teacher Email"),
    staffId: at("Staff ID"),
  };
  const schools = new Set<string>();
  const terms = new Map<string, string>();
  const classes = new Map<string, string[]>();
  const students = new Map<string, string[]>();
  const teachers = new Map<string, string[]>();
  const assignments = new Set<string>();
  const enrolled = new Set<string>();
  const enrollments: string[][] = [];
  for (const row of rows) {
    const v = (i: number) => row[i] ?? "";
    const teacherRef = v(c.staffId) || v(c.teacherEmail);
    schools.add(v(c.school));
    if (!terms.has(v(c.term))) terms.set(v(c.term), `term-${terms.size + 1}`);
    if (!classes.has(v(c.classId)))
      classes.set(v(c.classId), [
        v(c.classId),
        "",
        "",
        v(c.className),
        "",
        "",
        v(c.classId),
        "scheduled",
        "",
        v(c.school),
        terms.get(v(c.term))!,
        "",
        "",
        v(c.period),
      ]);
    if (!students.has(v(c.studentId)))
      students.set(v(c.studentId), [
        `stu-${v(c.studentId)}`,
        "",
        "",
        "true",
        v(c.school),
        "student",
        v(c.studentId),
        "",
        v(c.studentFirst),
        v(c.studentLast),
        "",
        v(c.studentId),
        "",
        "",
        "",
        "",
        "",
        "",
      ]);
    if (!teachers.has(teacherRef))
      teachers.set(teacherRef, [
        `tea-${teacherRef}`,
        "",
        "",
        "true",
        v(c.school),
        "teacher",
        v(c.teacherEmail),
        "",
        v(c.teacherFirst),
        v(c.teacherLast),
        "",
        v(c.staffId),
        v(c.teacherEmail),
        "",
        "",
        "",
        "",
        "",
      ]);
    const assignment = `${v(c.classId)}\u0000${teacherRef}`;
    if (!assignments.has(assignment)) {
      assignments.add(assignment);
      enrollments.push([
        `t-${enrollments.length}`,
        "",
        "",
        v(c.classId),
        v(c.school),
        `tea-${teacherRef}`,
        "teacher",
        "true",
        "",
        "",
      ]);
    }
    // A combined file repeats a student's row once per teacher of the class: one enrollment.
    const enrollment = `${v(c.classId)}\u0000${v(c.studentId)}`;
    if (enrolled.has(enrollment)) continue;
    enrolled.add(enrollment);
    enrollments.push([
      `s-${enrollments.length}`,
      "",
      "",
      v(c.classId),
      v(c.school),
      `stu-${v(c.studentId)}`,
      "student",
      "false",
      "",
      "",
    ]);
  }
  const encoder = new TextEncoder();
  const files = {
    "manifest.csv": csv(
      ["propertyName", "value"],
      [
        ["manifest.version", "1.0"],
        ["oneroster.version", "1.1"],
        ...["academicSessions", "classes", "enrollments", "orgs", "users"].map((name) => [`file.${name}`, "bulk"]),
      ],
    ),
    "orgs.csv": csv(
      ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
      [...schools].map((id) => [`org-${id}`, "", "", `School ${id}`, "school", id, ""]),
    ),
    "academicSessions.csv": csv(
      [...ONEROSTER_11_HEADERS.academicSessions],
      [...terms].map(([title, id]) => [id, "", "", title, "term", "", "", "", ""]),
    ),
    "classes.csv": csv(
      [...ONEROSTER_11_HEADERS.classes],
      [...classes.values()].map((row) => row.map((value, i) => (i === 9 ? `org-${value}` : value))),
    ),
    "users.csv": csv(
      [...ONEROSTER_11_HEADERS.users],
      [...students.values(), ...teachers.values()].map((row) =>
        row.map((value, i) => (i === 4 ? `org-${value}` : value)),
      ),
    ),
    "enrollments.csv": csv(
      [...ONEROSTER_11_HEADERS.enrollments],
      enrollments.map((row) => row.map((value, i) => (i === 4 ? `org-${value}` : value))),
    ),
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, encoder.encode(text)])), {
    level: 6,
  });
}
