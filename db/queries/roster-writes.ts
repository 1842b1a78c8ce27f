import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";

// Set-based writes for an import (lib/import/apply-import.ts): each list goes in as arrays
// through `unnest`, in large batches, one statement per batch — never a round trip per row.
// Creates carry SIS keys and are resolved to database ids by joins; every statement is scoped
// to the organization. Each one checks it wrote as many rows as it was given.

const BATCH = 20_000;

type Column = { values: ReadonlyArray<string | number | null>; type: "text" | "bigint" };
const text = (values: ReadonlyArray<string | null>): Column => ({ values, type: "text" });
const bigint = (values: ReadonlyArray<number>): Column => ({ values, type: "bigint" });

/** `unnest($1::text[], $2::bigint[], …) as f(a, b, …)` over one batch of the columns. */
function unnest(columns: Column[], names: string[], from: number, to: number): SQL {
  const params = columns.map((column) => sql`${sql.param(column.values.slice(from, to))}::${sql.raw(column.type)}[]`);
  return sql`unnest(${sql.join(params, sql`, `)}) as f(${sql.raw(names.join(", "))})`;
}

/**
 * Runs `statement` over the columns, BATCH rows a statement, and checks each wrote every row it
 * was given. (Reading in batches is db/queries/in-batches.ts.)
 */
async function writeInBatches(
  db: Executor,
  what: string,
  columns: Column[],
  names: string[],
  statement: (source: SQL) => SQL,
): Promise<void> {
  const total = columns[0]?.values.length ?? 0;
  for (let from = 0; from < total; from += BATCH) {
    const to = Math.min(total, from + BATCH);
    const rows = rowsOf<{ n: string | number }>(
      await db.execute(
        sql`with written as (${statement(unnest(columns, names, from, to))} returning 1) select count(*) as n from written`,
      ),
    );
    const written = Number(rows[0]?.n ?? 0);
    if (written !== to - from) {
      throw new Error(
        `Import apply: wrote ${written} of ${to - from} ${what}; the roster changed underneath the import.`,
      );
    }
  }
}

type Stamp = { organizationId: string; importId: string };

export async function insertSchools(db: Executor, s: Stamp, schoolIds: string[]) {
  await writeInBatches(
    db,
    "schools",
    [text(schoolIds)],
    ["school_id"],
    (f) =>
      sql`insert into schools (organization_id, school_id, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, f.school_id, ${s.importId}, ${s.importId} from ${f}`,
  );
}

export async function insertTerms(db: Executor, s: Stamp, names: string[]) {
  await writeInBatches(
    db,
    "terms",
    [text(names)],
    ["name"],
    (f) =>
      sql`insert into terms (organization_id, name, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, f.name, ${s.importId}, ${s.importId} from ${f}`,
  );
}

/** Sets `active` on rows of a table with an `id` (schools, terms, classes, students, staff, links). */
export async function setActive(
  db: Executor,
  s: Stamp,
  table: "schools" | "terms" | "classes" | "students" | "staff" | "enrollments" | "teaching_assignments",
  ids: number[],
  active: boolean,
) {
  await writeInBatches(
    db,
    table,
    [bigint(ids)],
    ["id"],
    (f) =>
      sql`update ${sql.raw(table)} t set active = ${active}, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f} where t.organization_id = ${s.organizationId} and t.id = f.id`,
  );
}

export async function insertStudents(
  db: Executor,
  s: Stamp,
  rows: Array<{ studentId: string; firstName: string; lastName: string; email: string | null; grade: string | null }>,
) {
  const columns = [
    text(rows.map((r) => r.studentId)),
    text(rows.map((r) => r.firstName)),
    text(rows.map((r) => r.lastName)),
    text(rows.map((r) => r.email)),
    text(rows.map((r) => r.grade)),
  ];
  await writeInBatches(
    db,
    "students",
    columns,
    ["student_id", "first_name", "last_name", "email", "grade"],
    (f) =>
      sql`insert into students (organization_id, student_id, first_name, last_name, email, grade, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, f.student_id, f.first_name, f.last_name, f.email, f.grade, ${s.importId}, ${s.importId} from ${f}`,
  );
}

/** Updates every field and sets `active = true` (an update may be a reactivation). */
export async function updateStudents(
  db: Executor,
  s: Stamp,
  rows: Array<{ id: number; firstName: string; lastName: string; email: string | null; grade: string | null }>,
) {
  const columns = [
    bigint(rows.map((r) => r.id)),
    text(rows.map((r) => r.firstName)),
    text(rows.map((r) => r.lastName)),
    text(rows.map((r) => r.email)),
    text(rows.map((r) => r.grade)),
  ];
  await writeInBatches(
    db,
    "students",
    columns,
    ["id", "first_name", "last_name", "email", "grade"],
    (f) =>
      sql`update students t set first_name = f.first_name, last_name = f.last_name, email = f.email, grade = f.grade,
        active = true, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f} where t.organization_id = ${s.organizationId} and t.id = f.id`,
  );
}

export async function insertStaff(
  db: Executor,
  s: Stamp,
  rows: Array<{ staffId: string | null; email: string; firstName: string; lastName: string; title: string | null }>,
) {
  const columns = [
    text(rows.map((r) => r.staffId)),
    text(rows.map((r) => r.email)),
    text(rows.map((r) => r.firstName)),
    text(rows.map((r) => r.lastName)),
    text(rows.map((r) => r.title)),
  ];
  await writeInBatches(
    db,
    "staff",
    columns,
    ["staff_id", "email", "first_name", "last_name", "title"],
    (f) =>
      sql`insert into staff (organization_id, staff_id, email, first_name, last_name, title, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, f.staff_id, f.email, f.first_name, f.last_name, f.title, ${s.importId}, ${s.importId} from ${f}`,
  );
}

export async function updateStaff(
  db: Executor,
  s: Stamp,
  rows: Array<{
    id: number;
    staffId: string | null;
    email: string;
    firstName: string;
    lastName: string;
    title: string | null;
  }>,
) {
  const columns = [
    bigint(rows.map((r) => r.id)),
    text(rows.map((r) => r.staffId)),
    text(rows.map((r) => r.email)),
    text(rows.map((r) => r.firstName)),
    text(rows.map((r) => r.lastName)),
    text(rows.map((r) => r.title)),
  ];
  await writeInBatches(
    db,
    "staff",
    columns,
    ["id", "staff_id", "email", "first_name", "last_name", "title"],
    (f) =>
      sql`update staff t set staff_id = f.staff_id, email = f.email, first_name = f.first_name, last_name = f.last_name,
        title = f.title, active = true, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f} where t.organization_id = ${s.organizationId} and t.id = f.id`,
  );
}

type ClassRow = { classId: string; name: string; period: string | null; term: string; schoolId: string };

export async function insertClasses(db: Executor, s: Stamp, rows: ClassRow[]) {
  const columns = [
    text(rows.map((r) => r.classId)),
    text(rows.map((r) => r.name)),
    text(rows.map((r) => r.period)),
    text(rows.map((r) => r.term)),
    text(rows.map((r) => r.schoolId)),
  ];
  await writeInBatches(
    db,
    "classes",
    columns,
    ["class_id", "name", "period", "term", "school"],
    (f) =>
      sql`insert into classes (organization_id, class_id, name, period, term_id, school_id, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, f.class_id, f.name, f.period, tm.id, sc.id, ${s.importId}, ${s.importId} from ${f}
      join terms tm on tm.organization_id = ${s.organizationId} and tm.name = f.term
      join schools sc on sc.organization_id = ${s.organizationId} and sc.school_id = f.school`,
  );
}

export async function updateClasses(db: Executor, s: Stamp, rows: Array<Omit<ClassRow, "classId"> & { id: number }>) {
  const columns = [
    bigint(rows.map((r) => r.id)),
    text(rows.map((r) => r.name)),
    text(rows.map((r) => r.period)),
    text(rows.map((r) => r.term)),
    text(rows.map((r) => r.schoolId)),
  ];
  await writeInBatches(
    db,
    "classes",
    columns,
    ["id", "name", "period", "term", "school"],
    (f) =>
      sql`update classes t set name = f.name, period = f.period, term_id = tm.id, school_id = sc.id,
        active = true, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f}
      join terms tm on tm.organization_id = ${s.organizationId} and tm.name = f.term
      join schools sc on sc.organization_id = ${s.organizationId} and sc.school_id = f.school
      where t.organization_id = ${s.organizationId} and t.id = f.id`,
  );
}

export async function insertEnrollments(db: Executor, s: Stamp, rows: Array<{ classId: string; studentId: string }>) {
  const columns = [text(rows.map((r) => r.classId)), text(rows.map((r) => r.studentId))];
  await writeInBatches(
    db,
    "enrollments",
    columns,
    ["class_id", "student_id"],
    (f) =>
      sql`insert into enrollments (organization_id, class_id, student_id, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, c.id, st.id, ${s.importId}, ${s.importId} from ${f}
      join classes c on c.organization_id = ${s.organizationId} and c.class_id = f.class_id
      join students st on st.organization_id = ${s.organizationId} and st.student_id = f.student_id`,
  );
}

export async function insertAssignments(db: Executor, s: Stamp, rows: Array<{ classId: string; email: string }>) {
  const columns = [text(rows.map((r) => r.classId)), text(rows.map((r) => r.email))];
  await writeInBatches(
    db,
    "teaching assignments",
    columns,
    ["class_id", "email"],
    (f) =>
      sql`insert into teaching_assignments (organization_id, class_id, staff_id, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, c.id, sf.id, ${s.importId}, ${s.importId} from ${f}
      join classes c on c.organization_id = ${s.organizationId} and c.class_id = f.class_id
      join staff sf on sf.organization_id = ${s.organizationId} and sf.email = f.email`,
  );
}

type MembershipTable = { table: "student_schools" | "staff_schools"; person: "student_id" | "staff_id" };
export const STUDENT_SCHOOLS: MembershipTable = { table: "student_schools", person: "student_id" };
export const STAFF_SCHOOLS: MembershipTable = { table: "staff_schools", person: "staff_id" };

/** `person` is the student id (students) or the staff email (staff). */
export async function insertMemberships(
  db: Executor,
  s: Stamp,
  m: MembershipTable,
  rows: Array<{ person: string; schoolId: string }>,
) {
  const columns = [text(rows.map((r) => r.person)), text(rows.map((r) => r.schoolId))];
  const people =
    m.table === "student_schools"
      ? sql`join students p on p.organization_id = ${s.organizationId} and p.student_id = f.person`
      : sql`join staff p on p.organization_id = ${s.organizationId} and p.email = f.person`;
  await writeInBatches(
    db,
    m.table,
    columns,
    ["person", "school"],
    (f) =>
      sql`insert into ${sql.raw(m.table)} (organization_id, ${sql.raw(m.person)}, school_id, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, p.id, sc.id, ${s.importId}, ${s.importId} from ${f}
      ${people}
      join schools sc on sc.organization_id = ${s.organizationId} and sc.school_id = f.school`,
  );
}

export async function setMembershipsActive(
  db: Executor,
  s: Stamp,
  m: MembershipTable,
  rows: Array<{ personId: number; schoolId: number }>,
  active: boolean,
) {
  const columns = [bigint(rows.map((r) => r.personId)), bigint(rows.map((r) => r.schoolId))];
  await writeInBatches(
    db,
    m.table,
    columns,
    ["person", "school"],
    (f) =>
      sql`update ${sql.raw(m.table)} t set active = ${active}, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f} where t.organization_id = ${s.organizationId} and t.${sql.raw(m.person)} = f.person and t.school_id = f.school`,
  );
}

/** Refreshes planner statistics after a large first load, so later statements pick good plans. */
export async function analyze(db: Executor, tables: string[]) {
  for (const table of tables) await db.execute(sql`analyze ${sql.raw(table)}`);
}
