import { addClass, addPerson, addSchool, missingFile, type SetOptions } from "./entities";
import type { SetFile } from "./set-files";
import { emptySetRoster, type SetRoster } from "./set-roster";
import { Columns, normalizeHeader, readSetTable, type ColumnSpec, type SetRow, type SetTable } from "./set-table";

// Clever's SFTP CSVs (schools, teachers, students, sections, enrollments) and Microsoft SDS v1
// (School, Section, Student, Teacher, StudentEnrollment, TeacherRoster). Rules in
// docs/import-rules.md "Clever" and "SDS v1". Both formats are always full snapshots.

/** A class's term when the file gives none (Clever districts often send no terms). */
export const NO_TERM = "No term given";

const C_SCHOOLS = { id: ["School_id"], name: ["School_name"] } as const satisfies ColumnSpec<string>;
const C_TEACHERS = {
  id: ["Teacher_id"],
  email: ["Teacher_email", "Email"],
  first: ["First_name"],
  last: ["Last_name"],
  username: ["Username"],
} as const satisfies ColumnSpec<string>;
const C_STUDENTS = {
  id: ["Student_id"],
  email: ["Student_email", "Email"],
  first: ["First_name"],
  last: ["Last_name"],
  grade: ["Grade"],
  username: ["Username"],
} as const satisfies ColumnSpec<string>;
const C_SECTIONS = {
  id: ["Section_id"],
  school: ["School_id"],
  name: ["Name", "Section_name"],
  course: ["Course_name"],
  period: ["Period"],
  term: ["Term_name"],
  teacher: ["Teacher_id"],
} as const satisfies ColumnSpec<string>;
const C_ENROLLMENTS = { section: ["Section_id"], student: ["Student_id"] } as const satisfies ColumnSpec<string>;

type Reader = (name: string, holds: string) => SetTable;

function reader(files: Map<string, SetFile>, roster: SetRoster): Reader {
  return (name, holds) => {
    const file = files.get(name.toLowerCase());
    if (!file) throw missingFile(roster.format, name, holds);
    const table = readSetTable(file);
    roster.rowCount += table.rows.length;
    return table;
  };
}

const at = (t: SetTable, row: SetRow) => ({ file: t.file, row: row.row });

export function readClever(files: Map<string, SetFile>, options: SetOptions): SetRoster {
  const roster = emptySetRoster("clever", "Clever");
  const read = reader(files, roster);

  const schools = read("schools.csv", "the schools");
  const s = new Columns(schools, C_SCHOOLS, ["id"], "the schools");
  for (const row of schools.rows) {
    const id = s.get(row, "id");
    addSchool(roster, { ref: id, schoolId: id, name: s.get(row, "name") }, at(schools, row), s.name("id", C_SCHOOLS));
  }

  const teachers = read("teachers.csv", "the teachers");
  const t = new Columns(teachers, C_TEACHERS, ["id", "first", "last"], "the teachers");
  const teacherColumns = {
    id: t.name("id", C_TEACHERS),
    firstName: t.name("first", C_TEACHERS),
    lastName: t.name("last", C_TEACHERS),
    email: t.name("email", C_TEACHERS),
  };
  for (const row of teachers.rows) {
    const id = t.get(row, "id");
    addPerson(
      roster,
      {
        ref: `t:${id}`,
        role: "teacher",
        id,
        firstName: t.get(row, "first"),
        lastName: t.get(row, "last"),
        emails: [t.get(row, "email")],
        username: t.get(row, "username"),
        grade: "",
        at: at(teachers, row),
        columns: teacherColumns,
      },
      options,
    );
  }

  const students = read("students.csv", "the students");
  const st = new Columns(students, C_STUDENTS, ["id", "first", "last"], "the students");
  const studentColumns = {
    id: st.name("id", C_STUDENTS),
    firstName: st.name("first", C_STUDENTS),
    lastName: st.name("last", C_STUDENTS),
    email: st.name("email", C_STUDENTS),
  };
  for (const row of students.rows) {
    const id = st.get(row, "id");
    addPerson(
      roster,
      {
        ref: `s:${id}`,
        role: "student",
        id,
        firstName: st.get(row, "first"),
        lastName: st.get(row, "last"),
        emails: [st.get(row, "email")],
        username: st.get(row, "username"),
        grade: st.get(row, "grade"),
        at: at(students, row),
        columns: studentColumns,
      },
      options,
    );
  }

  const sections = read("sections.csv", "the classes");
  const sc = new Columns(sections, C_SECTIONS, ["id", "school"], "the classes");
  if (!sc.has("name") && !sc.has("course")) {
    new Columns(sections, C_SECTIONS, ["name"], "the classes"); // throws: names the missing column
  }
  // Teacher_id, then Teacher_2_id … Teacher_N_id: co-teachers.
  const teacherColumnsAt = sections.header
    .map((header, index) => ({ header, index, n: /^teacher(\d*)id$/.exec(normalizeHeader(header)) }))
    .filter((column) => column.n !== null)
    .sort((a, b) => Number(a.n![1] || 1) - Number(b.n![1] || 1));
  const columns = {
    classId: sc.name("id", C_SECTIONS),
    name: sc.name(sc.has("name") ? "name" : "course", C_SECTIONS),
    term: sc.name("term", C_SECTIONS),
    school: sc.name("school", C_SECTIONS),
  };
  for (const row of sections.rows) {
    const classId = sc.get(row, "id");
    const added = addClass(roster, {
      classId,
      name: sc.get(row, "name") || sc.get(row, "course"),
      period: sc.get(row, "period"),
      term: sc.get(row, "term") || NO_TERM,
      schoolRef: sc.get(row, "school"),
      at: at(sections, row),
      columns,
    });
    if (!added) continue;
    for (const column of teacherColumnsAt) {
      const teacher = (row.cells[column.index] ?? "").trim();
      if (teacher === "") continue;
      roster.links.push({
        classRef: classId,
        personRef: `t:${teacher}`,
        personLabel: teacher,
        role: "teacher",
        at: at(sections, row),
        classColumn: columns.classId,
        personColumn: column.header,
      });
    }
  }

  const enrollments = read("enrollments.csv", "which students are in each class");
  const e = new Columns(enrollments, C_ENROLLMENTS, ["section", "student"], "the enrollments");
  for (const row of enrollments.rows) {
    roster.links.push({
      classRef: e.get(row, "section"),
      personRef: `s:${e.get(row, "student")}`,
      personLabel: e.get(row, "student"),
      role: "student",
      at: at(enrollments, row),
      classColumn: e.name("section", C_ENROLLMENTS),
      personColumn: e.name("student", C_ENROLLMENTS),
    });
  }
  return roster;
}

const V1_SCHOOL = { id: ["SIS ID"], name: ["Name"] } as const satisfies ColumnSpec<string>;
const V1_SECTION = {
  id: ["SIS ID"],
  school: ["School SIS ID"],
  name: ["Section Name"],
  course: ["Course Name"],
  term: ["Term Name"],
  period: ["Periods", "Period"],
} as const satisfies ColumnSpec<string>;
const V1_PERSON = {
  id: ["SIS ID"],
  first: ["First Name"],
  last: ["Last Name"],
  username: ["Username"],
  secondary: ["Secondary Email"],
  grade: ["Grade"],
} as const satisfies ColumnSpec<string>;
const V1_LINK = { section: ["Section SIS ID"], person: ["SIS ID"] } as const satisfies ColumnSpec<string>;

export function readSdsV1(files: Map<string, SetFile>, options: SetOptions): SetRoster {
  const roster = emptySetRoster("sds", "SDS v1");
  const read = reader(files, roster);

  const schools = read("School.csv", "the schools");
  const s = new Columns(schools, V1_SCHOOL, ["id"], "the schools");
  for (const row of schools.rows) {
    const id = s.get(row, "id");
    addSchool(roster, { ref: id, schoolId: id, name: s.get(row, "name") }, at(schools, row), s.name("id", V1_SCHOOL));
  }

  for (const [name, role, holds] of [
    ["Teacher.csv", "teacher", "the teachers"],
    ["Student.csv", "student", "the students"],
  ] as const) {
    const table = read(name, holds);
    const c = new Columns(table, V1_PERSON, ["id", "first", "last"], holds);
    const columns = {
      id: c.name("id", V1_PERSON),
      firstName: c.name("first", V1_PERSON),
      lastName: c.name("last", V1_PERSON),
      email: c.name(c.has("username") ? "username" : "secondary", V1_PERSON),
    };
    for (const row of table.rows) {
      const id = c.get(row, "id");
      // The username is the sign-in address when it is one; Secondary Email comes next.
      const username = c.get(row, "username");
      addPerson(
        roster,
        {
          ref: `${role[0]}:${id}`,
          role,
          id,
          firstName: c.get(row, "first"),
          lastName: c.get(row, "last"),
          emails: [username.includes("@") ? username : "", c.get(row, "secondary")],
          username,
          grade: c.get(row, "grade"),
          at: at(table, row),
          columns,
        },
        options,
      );
    }
  }

  const sections = read("Section.csv", "the classes");
  const sc = new Columns(sections, V1_SECTION, ["id", "school", "name"], "the classes");
  const columns = {
    classId: sc.name("id", V1_SECTION),
    name: sc.name("name", V1_SECTION),
    term: sc.name("term", V1_SECTION),
    school: sc.name("school", V1_SECTION),
  };
  for (const row of sections.rows) {
    addClass(roster, {
      classId: sc.get(row, "id"),
      name: sc.get(row, "name") || sc.get(row, "course"),
      period: sc.get(row, "period"),
      term: sc.get(row, "term") || NO_TERM,
      schoolRef: sc.get(row, "school"),
      at: at(sections, row),
      columns,
    });
  }

  for (const [name, role, holds] of [
    ["TeacherRoster.csv", "teacher", "which teachers teach each class"],
    ["StudentEnrollment.csv", "student", "which students are in each class"],
  ] as const) {
    const table = read(name, holds);
    const c = new Columns(table, V1_LINK, ["section", "person"], holds);
    for (const row of table.rows) {
      roster.links.push({
        classRef: c.get(row, "section"),
        personRef: `${role[0]}:${c.get(row, "person")}`,
        personLabel: c.get(row, "person"),
        role,
        at: at(table, row),
        classColumn: c.name("section", V1_LINK),
        personColumn: c.name("person", V1_LINK),
      });
    }
  }
  return roster;
}
