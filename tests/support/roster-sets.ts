import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import type { SetFile } from "@/lib/import/sets/set-files";
import { ONEROSTER_11_HEADERS } from "@/lib/roster/oneroster-columns";

// Multi-file roster sets for tests, written by code from the published column lists:
// OneRoster 1.1 / 1.2 CSV (1EdTech), Clever's SFTP CSVs, Microsoft SDS v1 and v2.1. One neutral
// roster model, one writer per format; no sample files are copied.

export type SetModel = {
  schools: Array<{ id: string; name?: string }>;
  classes: Array<{ id: string; name?: string; period?: string; term?: string; school: string; teachers: string[] }>;
  students: Array<{ id: string; first?: string; last?: string; grade?: string; email?: string; school: string }>;
  teachers: Array<{ id: string; first?: string; last?: string; email?: string; username?: string; school: string }>;
  /** [class id, student id] */
  enrollments: Array<[string, string]>;
};

export type WriteOptions = {
  /** Line end of every file ("\r" is what Clever files in the wild use). */
  lineEnd?: "\n" | "\r\n" | "\r";
  /** Quote every cell (most SIS exports) or only where needed. */
  quoteAll?: boolean;
  /** Extra vendor columns appended to every file (e.g. "ext_vendor", "metadata.district"). */
  extraColumns?: string[];
};

/** A small roster: 2 schools, 3 classes (one with a co-teacher, one without students), 4 students. */
export function sampleModel(): SetModel {
  return {
    schools: [
      { id: "101", name: "North High" },
      { id: "102", name: "South Middle" },
    ],
    classes: [
      { id: "C1", name: "Algebra I", period: "1", term: "Fall 2026", school: "101", teachers: ["T1", "T2"] },
      { id: "C2", name: "Biology", period: "2", term: "Fall 2026", school: "101", teachers: ["T1"] },
      { id: "C3", name: "Art", period: "3", term: "Spring 2027", school: "102", teachers: ["T3"] },
    ],
    students: [
      { id: "0001", first: "Ana", last: "Lopez", grade: "09", school: "101" },
      { id: "0002", first: "Ben", last: "Kim", grade: "10", email: "ben.kim@students.test", school: "101" },
      { id: "0003", first: "Cai", last: "Wu", grade: "07", school: "102" },
      { id: "0004", first: "Dee", last: "Ray", grade: "09", school: "101" },
    ],
    teachers: [
      { id: "T1", first: "Tom", last: "Hale", email: "tom.hale@district.test", school: "101" },
      { id: "T2", first: "Uma", last: "Iyer", email: "uma.iyer@district.test", school: "101" },
      { id: "T3", first: "Vic", last: "Orr", email: "vic.orr@district.test", school: "102" },
    ],
    enrollments: [
      ["C1", "0001"],
      ["C1", "0002"],
      ["C2", "0001"],
      ["C2", "0004"],
    ],
  };
}

function csvText(header: string[], rows: string[][], options: WriteOptions): string {
  const extra = options.extraColumns ?? [];
  const quote = (cell: string) =>
    options.quoteAll || /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  const end = options.lineEnd ?? "\r\n";
  return [[...header, ...extra], ...rows.map((row) => [...row, ...extra.map(() => "x")])]
    .map((row) => row.map(quote).join(","))
    .join(end)
    .concat(end);
}

const file = (name: string, text: string): SetFile => ({ name, bytes: new TextEncoder().encode(text) });
const first = (p: { first?: string; id: string }) => p.first ?? `First${p.id}`;
const last = (p: { last?: string; id: string }) => p.last ?? `Last${p.id}`;
const termOf = (c: { term?: string }) => c.term ?? "2026-27";
const nameOf = (c: { name?: string; id: string }) => c.name ?? `Class ${c.id}`;
const DATE = "2026-08-01T00:00:00.000Z";

// OneRoster: sourcedIds differ from the SIS ids (identifier), as vendors' GUIDs do.
export const orgSourcedId = (school: string) => `org-${school}`;
export const userSourcedId = (id: string) => `usr-${id}`;
const termSourcedId = (term: string) => `term-${term.replace(/\W+/g, "-")}`;

export type OneRosterOptions = WriteOptions & { version?: "1.1" | "1.2" };

export function oneRosterFiles(model: SetModel, options: OneRosterOptions = {}): SetFile[] {
  const v12 = options.version === "1.2";
  const terms = [...new Set(model.classes.map(termOf))];
  const files: SetFile[] = [];
  const bulk = ["academicSessions", "classes", "enrollments", "orgs", "users", ...(v12 ? ["roles"] : [])];
  const absent = [
    "categories",
    "classResources",
    "courseResources",
    "courses",
    "demographics",
    "lineItems",
    "resources",
    "results",
  ];
  files.push(
    file(
      "manifest.csv",
      csvText(
        ["propertyName", "value"],
        [
          ["manifest.version", "1.0"],
          ["oneroster.version", v12 ? "1.2" : "1.1"],
          ...bulk.map((name) => [`file.${name}`, "bulk"]),
          ...absent.map((name) => [`file.${name}`, "absent"]),
          ["source.systemName", "Test SIS"],
        ],
        { ...options, extraColumns: [] },
      ),
    ),
  );
  files.push(
    file(
      "orgs.csv",
      csvText(
        ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
        [
          ["org-district", "active", DATE, "Test District", "district", "D1", ""],
          ...model.schools.map((s) => [
            orgSourcedId(s.id),
            "active",
            DATE,
            s.name ?? `School ${s.id}`,
            "school",
            s.id,
            "org-district",
          ]),
        ],
        options,
      ),
    ),
  );
  files.push(
    file(
      "academicSessions.csv",
      csvText(
        [...ONEROSTER_11_HEADERS.academicSessions],
        terms.map((term) => [
          termSourcedId(term),
          "active",
          DATE,
          term,
          "term",
          "2026-08-15",
          "2027-06-10",
          "",
          "2027",
        ]),
        options,
      ),
    ),
  );
  files.push(
    file(
      "classes.csv",
      csvText(
        // 1.1 header; 1.2 adds no column the import reads.
        [...ONEROSTER_11_HEADERS.classes],
        model.classes.map((c) => [
          c.id,
          "active",
          DATE,
          nameOf(c),
          "",
          `course-${c.id}`,
          c.id,
          "scheduled",
          "",
          orgSourcedId(c.school),
          termSourcedId(termOf(c)),
          "",
          "",
          c.period ?? "",
        ]),
        options,
      ),
    ),
  );
  const people = [
    ...model.students.map((s) => ({ ...s, role: "student", email: s.email ?? "", username: "" })),
    ...model.teachers.map((t) => ({
      ...t,
      role: "teacher",
      email: t.email ?? "",
      username: t.username ?? "",
      grade: "",
    })),
  ];
  if (v12) {
    files.push(
      file(
        "users.csv",
        csvText(
          [
            "sourcedId",
            "status",
            "dateLastModified",
            "enabledUser",
            "username",
            "userIds",
            "givenName",
            "familyName",
            "middleName",
            "identifier",
            "email",
            "sms",
            "phone",
            "agentSourcedIds",
            "grades",
            "password",
            "userMasterIdentifier",
            "resourceSourcedIds",
            "preferredGivenName",
            "preferredMiddleName",
            "preferredFamilyName",
            "primaryOrgSourcedId",
            "pronouns",
          ],
          people.map((p) => [
            userSourcedId(p.id),
            "active",
            DATE,
            "true",
            p.username,
            "",
            first(p),
            last(p),
            "",
            p.id,
            p.email,
            "",
            "",
            "",
            p.grade ?? "",
            "",
            "",
            "",
            "",
            "",
            "",
            orgSourcedId(p.school),
            "",
          ]),
          options,
        ),
      ),
    );
    files.push(
      file(
        "roles.csv",
        csvText(
          [
            "sourcedId",
            "status",
            "dateLastModified",
            "userSourcedId",
            "roleType",
            "role",
            "beginDate",
            "endDate",
            "orgSourcedId",
            "userProfileSourcedId",
          ],
          people.map((p) => [
            `role-${p.id}`,
            "active",
            DATE,
            userSourcedId(p.id),
            "primary",
            p.role,
            "",
            "",
            orgSourcedId(p.school),
            "",
          ]),
          options,
        ),
      ),
    );
  } else {
    files.push(
      file(
        "users.csv",
        csvText(
          [...ONEROSTER_11_HEADERS.users],
          people.map((p) => [
            userSourcedId(p.id),
            "active",
            DATE,
            "true",
            orgSourcedId(p.school),
            p.role,
            p.username,
            "",
            first(p),
            last(p),
            "",
            p.id,
            p.email,
            "",
            "",
            "",
            p.grade ?? "",
            "",
          ]),
          options,
        ),
      ),
    );
  }
  const schoolOfClass = new Map(model.classes.map((c) => [c.id, c.school]));
  files.push(
    file(
      "enrollments.csv",
      csvText(
        [...ONEROSTER_11_HEADERS.enrollments],
        [
          ...model.classes.flatMap((c) =>
            c.teachers.map((t, i) => [
              `enr-${c.id}-${t}`,
              "active",
              DATE,
              c.id,
              orgSourcedId(c.school),
              userSourcedId(t),
              "teacher",
              i === 0 ? "true" : "false",
              "",
              "",
            ]),
          ),
          ...model.enrollments.map(([c, s]) => [
            `enr-${c}-${s}`,
            "active",
            DATE,
            c,
            orgSourcedId(schoolOfClass.get(c) ?? ""),
            userSourcedId(s),
            "student",
            "false",
            "",
            "",
          ]),
        ],
        options,
      ),
    ),
  );
  return files;
}

export function cleverFiles(model: SetModel, options: WriteOptions = {}): SetFile[] {
  const maxTeachers = Math.max(1, ...model.classes.map((c) => c.teachers.length));
  const teacherHeaders = ["Teacher_id", ...Array.from({ length: maxTeachers - 1 }, (_, i) => `Teacher_${i + 2}_id`)];
  return [
    file(
      "schools.csv",
      csvText(
        [
          "School_id",
          "School_name",
          "School_number",
          "State_id",
          "Low_grade",
          "High_grade",
          "Principal",
          "Principal_email",
          "School_address",
          "School_city",
          "School_state",
          "School_zip",
          "School_phone",
        ],
        model.schools.map((s) => [s.id, s.name ?? `School ${s.id}`, s.id, "", "6", "12", "", "", "", "", "", "", ""]),
        options,
      ),
    ),
    file(
      "teachers.csv",
      csvText(
        [
          "School_id",
          "Teacher_id",
          "Teacher_number",
          "State_teacher_id",
          "Teacher_email",
          "First_name",
          "Middle_name",
          "Last_name",
          "Title",
          "Username",
          "Password",
        ],
        model.teachers.map((t) => [
          t.school,
          t.id,
          t.id,
          "",
          t.email ?? "",
          first(t),
          "",
          last(t),
          "",
          t.username ?? "",
          "",
        ]),
        options,
      ),
    ),
    file(
      "students.csv",
      csvText(
        [
          "School_id",
          "Student_id",
          "Student_number",
          "State_id",
          "Last_name",
          "Middle_name",
          "First_name",
          "Grade",
          "Gender",
          "DOB",
          "Race",
          "Hispanic_Latino",
          "Ell_status",
          "Frl_status",
          "IEP_status",
          "Student_street",
          "Student_city",
          "Student_state",
          "Student_zip",
          "Student_email",
          "Contact_relationship",
          "Contact_type",
          "Contact_name",
          "Contact_phone",
          "Contact_email",
          "Username",
          "Password",
        ],
        model.students.map((s) => [
          s.school,
          s.id,
          `N${s.id}`,
          "",
          last(s),
          "",
          first(s),
          s.grade ?? "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          s.email ?? "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
        ]),
        options,
      ),
    ),
    file(
      "sections.csv",
      csvText(
        [
          "School_id",
          "Section_id",
          ...teacherHeaders,
          "Name",
          "Section_number",
          "Grade",
          "Course_name",
          "Course_number",
          "Course_description",
          "Period",
          "Subject",
          "Term_name",
          "Term_start",
          "Term_end",
        ],
        model.classes.map((c) => [
          c.school,
          c.id,
          ...teacherHeaders.map((_, i) => c.teachers[i] ?? ""),
          nameOf(c),
          c.id,
          "",
          `${nameOf(c)} course`,
          "",
          "",
          c.period ?? "",
          "",
          termOf(c),
          "2026-08-15",
          "2027-06-10",
        ]),
        options,
      ),
    ),
    file(
      "enrollments.csv",
      csvText(
        ["School_id", "Section_id", "Student_id"],
        model.enrollments.map(([c, s]) => [model.classes.find((k) => k.id === c)?.school ?? "", c, s]),
        options,
      ),
    ),
  ];
}

export function sdsV1Files(model: SetModel, options: WriteOptions = {}): SetFile[] {
  return [
    file(
      "School.csv",
      csvText(
        ["SIS ID", "Name", "School Number"],
        model.schools.map((s) => [s.id, s.name ?? `School ${s.id}`, s.id]),
        options,
      ),
    ),
    file(
      "Section.csv",
      csvText(
        [
          "SIS ID",
          "School SIS ID",
          "Section Name",
          "Section Number",
          "Term SIS ID",
          "Term Name",
          "Term StartDate",
          "Term EndDate",
          "Course SIS ID",
          "Course Name",
          "Course Number",
          "Periods",
        ],
        model.classes.map((c) => [
          c.id,
          c.school,
          nameOf(c),
          c.id,
          termSourcedId(termOf(c)),
          termOf(c),
          "8/15/2026",
          "6/10/2027",
          `course-${c.id}`,
          nameOf(c),
          "",
          c.period ?? "",
        ]),
        options,
      ),
    ),
    file(
      "Student.csv",
      csvText(
        [
          "SIS ID",
          "School SIS ID",
          "Username",
          "Password",
          "First Name",
          "Last Name",
          "Middle Name",
          "Secondary Email",
          "Student Number",
          "Grade",
        ],
        model.students.map((s) => [s.id, s.school, s.email ?? "", "", first(s), last(s), "", "", s.id, s.grade ?? ""]),
        options,
      ),
    ),
    file(
      "Teacher.csv",
      csvText(
        [
          "SIS ID",
          "School SIS ID",
          "Username",
          "Password",
          "First Name",
          "Last Name",
          "Middle Name",
          "Secondary Email",
          "Teacher Number",
          "Status",
          "Title",
        ],
        model.teachers.map((t) => [
          t.id,
          t.school,
          t.username ?? t.email ?? "",
          "",
          first(t),
          last(t),
          "",
          t.username ? (t.email ?? "") : "",
          t.id,
          "Active",
          "",
        ]),
        options,
      ),
    ),
    file(
      "StudentEnrollment.csv",
      csvText(
        ["Section SIS ID", "SIS ID"],
        model.enrollments.map(([c, s]) => [c, s]),
        options,
      ),
    ),
    file(
      "TeacherRoster.csv",
      csvText(
        ["Section SIS ID", "SIS ID"],
        model.classes.flatMap((c) => c.teachers.map((t) => [c.id, t])),
        options,
      ),
    ),
  ];
}

export function sdsV21Files(model: SetModel, options: WriteOptions = {}): SetFile[] {
  const terms = [...new Set(model.classes.map(termOf))];
  const people = [
    ...model.students.map((s) => ({ ...s, role: "student", email: s.email ?? "", username: s.email ?? `s${s.id}` })),
    ...model.teachers.map((t) => ({
      ...t,
      role: "teacher",
      email: t.email ?? "",
      username: t.username ?? t.email ?? "",
      grade: "",
    })),
  ];
  return [
    file(
      "orgs.csv",
      csvText(
        ["sourcedId", "name", "type", "parentSourcedId"],
        [
          ["district", "Test District", "district", ""],
          ...model.schools.map((s) => [s.id, s.name ?? `School ${s.id}`, "school", "district"]),
        ],
        options,
      ),
    ),
    file(
      "users.csv",
      csvText(
        [
          "sourcedId",
          "username",
          "givenName",
          "familyName",
          "password",
          "activeDirectoryMatchId",
          "email",
          "phone",
          "sms",
        ],
        people.map((p) => [p.id, p.username, first(p), last(p), "", "", p.email, "", ""]),
        options,
      ),
    ),
    file(
      "roles.csv",
      csvText(
        [
          "userSourcedId",
          "orgSourcedId",
          "role",
          "sessionSourcedIds",
          "grade",
          "isPrimary",
          "roleStartDate",
          "roleEndDate",
        ],
        people.map((p) => [p.id, p.school, p.role, "", p.grade ?? "", "true", "", ""]),
        options,
      ),
    ),
    file(
      "academicSessions.csv",
      csvText(
        ["sourcedId", "title", "type", "schoolYear", "startDate", "endDate"],
        terms.map((t) => [termSourcedId(t), t, "term", "2027", "2026-08-15", "2027-06-10"]),
        options,
      ),
    ),
    file(
      "classes.csv",
      csvText(
        ["sourcedId", "orgSourcedId", "title", "sessionSourcedIds", "courseSourcedId", "code"],
        model.classes.map((c) => [c.id, c.school, nameOf(c), termSourcedId(termOf(c)), "", c.id]),
        options,
      ),
    ),
    file(
      "enrollments.csv",
      csvText(
        ["classSourcedId", "userSourcedId", "role"],
        [
          ...model.classes.flatMap((c) => c.teachers.map((t) => [c.id, t, "teacher"])),
          ...model.enrollments.map(([c, s]) => [c, s, "student"]),
        ],
        options,
      ),
    ),
  ];
}

/** The files as one .zip (in a folder inside it, as many exports do, when `folder` is given). */
export function zipFiles(files: SetFile[], folder?: string): Uint8Array {
  return zipSync(Object.fromEntries(files.map((f) => [folder ? `${folder}/${f.name}` : f.name, f.bytes])));
}

/** Writes the files into `dir` (a folder source). */
export function writeFolder(dir: string, files: SetFile[]) {
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
}

/** Replaces one file's text (to break a set on purpose). */
export function editFile(files: SetFile[], name: string, edit: (text: string) => string): SetFile[] {
  return files.map((f) => (f.name === name ? file(f.name, edit(new TextDecoder().decode(f.bytes))) : f));
}

export const withoutFile = (files: SetFile[], name: string) => files.filter((f) => f.name !== name);

/**
 * A OneRoster 1.1 delta set: the manifest says delta for every file; each file holds only the
 * given rows (in the 1.1 columns), with their status ("active" or "tobedeleted").
 */
export function oneRosterDelta(rows: {
  orgs?: string[][];
  academicSessions?: string[][];
  classes?: string[][];
  users?: string[][];
  enrollments?: string[][];
}): SetFile[] {
  const headers = {
    orgs: ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
    academicSessions: [...ONEROSTER_11_HEADERS.academicSessions],
    classes: [...ONEROSTER_11_HEADERS.classes],
    users: [...ONEROSTER_11_HEADERS.users],
    enrollments: [...ONEROSTER_11_HEADERS.enrollments],
  };
  const names = Object.keys(headers) as Array<keyof typeof headers>;
  return [
    file(
      "manifest.csv",
      csvText(
        ["propertyName", "value"],
        [
          ["manifest.version", "1.0"],
          ["oneroster.version", "1.1"],
          ...names.map((n) => [`file.${n}`, rows[n] ? "delta" : "absent"]),
        ],
        {},
      ),
    ),
    ...names
      .filter((n) => rows[n])
      .map((n) =>
        file(
          `${n}.csv`,
          csvText(
            headers[n],
            rows[n]!.map((r) => [...r, ...Array(headers[n].length - r.length).fill("")]),
            {},
          ),
        ),
      ),
  ];
}
