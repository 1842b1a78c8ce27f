import { sql, type SQL } from "drizzle-orm";
import { copyIn, copyLine, rowsOf, type Executor } from "@/db/client";

// Set-based writes for an import (lib/import/apply-import.ts): a large list is copied with
// `COPY … FROM STDIN` into a temporary staging table and written by one statement; a short one
// goes in as arrays through `unnest`, in batches — never a round trip per row.
// Creates carry SIS keys and are resolved to database ids by joins; every statement is scoped
// to the organization. Each one checks it wrote as many rows as it was given.
//
// Each statement also records, in the same statement, what undoing it needs (one
// `import_undo_chunks` row per batch, db/queries/import-undo.ts): the ids it created, or the
// ids it updated with the previous values of only the columns it changed. An update reads the
// previous values through a self-join (`o`), which sees the row as it was before the statement.

const BATCH = 20_000;
/** From this many rows a list is staged with COPY rather than sent as `unnest` arrays. */
const COPY_FROM = 2_000;
const STAGE = "import_stage";

/** A column of values, read by index (so a column can be derived from another list as it is written). */
type Column = { type: "text" | "bigint"; length: number; at: (row: number) => string | number | null };
const text = (values: ReadonlyArray<string | null>): Column => ({
  type: "text",
  length: values.length,
  at: (row) => values[row] ?? null,
});
const bigint = (values: ReadonlyArray<number>): Column => ({
  type: "bigint",
  length: values.length,
  at: (row) => values[row] ?? null,
});
/** Pairs of ids read by row (lib/import/validated-file.ts `EnrollmentPairs`: a file's links by index). */
export type IdPairs = {
  readonly length: number;
  classIdAt(row: number): string;
  studentIdAt(row: number): string;
};
const pairHalves = (pairs: IdPairs): [Column, Column] => [
  { type: "text", length: pairs.length, at: (row) => pairs.classIdAt(row) },
  { type: "text", length: pairs.length, at: (row) => pairs.studentIdAt(row) },
];

/** `unnest($1::text[], $2::bigint[], …) as f(a, b, …)` over one batch of the columns. */
function unnest(columns: Column[], names: string[], from: number, to: number): SQL {
  const slice = (column: Column) => Array.from({ length: to - from }, (_, i) => column.at(from + i));
  const params = columns.map((column) => sql`${sql.param(slice(column))}::${sql.raw(column.type)}[]`);
  return sql`unnest(${sql.join(params, sql`, `)}) as f(${sql.raw(names.join(", "))})`;
}

export type UndoTable =
  | "schools"
  | "terms"
  | "classes"
  | "students"
  | "staff"
  | "enrollments"
  | "teaching_assignments"
  | "student_schools"
  | "staff_schools";

/**
 * How a statement is recorded for undo: the table, created ("c") or updated ("u"), and its
 * `returning` list naming `row_id`, `school_id` (school links only) and `previous` (updates).
 */
export type UndoCapture = { table: UndoTable; op: "c" | "u" | "d"; returning: SQL };

/**
 * Runs `statement` (a write with a `returning` list as `capture` says), records its undo data
 * in the same statement (one chunk per BATCH rows written), and answers how many rows it wrote.
 */
export async function writeRecorded(db: Executor, s: Stamp, capture: UndoCapture, statement: SQL): Promise<number> {
  const rows = rowsOf<{ n: string | number }>(
    await db.execute(
      sql`with written as (${statement} returning ${capture.returning}),
      saved as (
        insert into import_undo_chunks (organization_id, import_id, "table", op, row_ids, school_ids, previous)
        select ${s.organizationId}, ${s.importId}, ${capture.table}, ${capture.op}, array_agg(row_id),
          ${isLink(capture.table) ? sql`array_agg(school_id)` : sql`null`},
          ${capture.op === "c" ? sql`null` : sql`array_agg(previous)`}
        from (select w.*, (row_number() over () - 1) / ${BATCH} as chunk from written w) w
        group by chunk
      )
      select count(*) as n from written`,
    ),
  );
  return Number(rows[0]?.n ?? 0);
}

export const isLink = (table: UndoTable) => table === "student_schools" || table === "staff_schools";

/**
 * Runs `statement` over the columns and checks it wrote every row it was given: a long list is
 * copied into a staging table and written by one statement; a short one BATCH rows a statement
 * through `unnest`. (Reading in batches is db/queries/in-batches.ts.) `joins: false` says the
 * statement reads the source alone (a plain insert), so a staging table needs no statistics.
 */
async function writeInBatches(
  db: Executor,
  s: Stamp,
  what: string,
  capture: UndoCapture,
  columns: Column[],
  names: string[],
  statement: (source: SQL) => SQL,
  { joins = true }: { joins?: boolean } = {},
): Promise<void> {
  const total = columns[0]?.length ?? 0;
  const check = (written: number, expected: number) => {
    if (written !== expected) {
      throw new Error(
        `Import apply: wrote ${written} of ${expected} ${what}; the roster changed underneath the import.`,
      );
    }
  };
  if (total >= COPY_FROM) {
    await stage(db, columns, names, joins);
    check(await writeRecorded(db, s, capture, statement(sql.raw(`${STAGE} as f`))), total);
    return;
  }
  for (let from = 0; from < total; from += BATCH) {
    const to = Math.min(total, from + BATCH);
    check(await writeRecorded(db, s, capture, statement(unnest(columns, names, from, to))), to - from);
  }
}

/**
 * Copies the columns into a fresh temporary table `import_stage` (dropped at commit), with
 * statistics when the statement joins it, so it joins it as it would a table (without them the
 * enrollments' insert took 1.5–1.8× as long; a plain insert plans the same either way, and the
 * ANALYZE of 30,000 students costs ~0.1 s: docs/performance.md "Import: where the time goes").
 */
async function stage(db: Executor, columns: Column[], names: string[], statistics: boolean) {
  const definition = names.map((name, i) => `${name} ${columns[i]?.type ?? "text"}`).join(", ");
  await db.execute(sql.raw(`drop table if exists ${STAGE}`));
  await db.execute(sql.raw(`create temporary table ${STAGE} (${definition}) on commit drop`));
  await copyIn(db, STAGE, names, copyChunks(columns));
  if (statistics) await db.execute(sql.raw(`analyze ${STAGE}`));
}

/** The columns as COPY text, a few thousand lines a chunk. */
function* copyChunks(columns: Column[], size = 5_000): Generator<string> {
  const total = columns[0]?.length ?? 0;
  for (let from = 0; from < total; from += size) {
    let chunk = "";
    for (let row = from; row < Math.min(total, from + size); row += 1) {
      chunk += copyLine(columns.map((column) => column.at(row)));
    }
    yield chunk;
  }
}

const created = (table: UndoTable): UndoCapture => ({ table, op: "c", returning: sql`t.id as row_id` });

/**
 * `previous` for an update: a jsonb object of the columns whose value changes, each as it was
 * (`o.col`) — `{}` when only provenance changed. Pairs are [column, new value].
 */
function changedColumns(pairs: Array<[string, SQL]>): SQL {
  const parts = pairs.map(
    ([column, next]) =>
      sql`case when o.${sql.raw(column)} is distinct from ${next} then jsonb_build_object('${sql.raw(column)}', o.${sql.raw(column)}) else '{}'::jsonb end`,
  );
  return sql.join(parts, sql` || `);
}

const updated = (table: UndoTable, pairs: Array<[string, SQL]>): UndoCapture => ({
  table,
  op: "u",
  returning: sql`t.id as row_id, ${changedColumns(pairs)} as previous`,
});

type Stamp = { organizationId: string; importId: string };

export async function insertSchools(db: Executor, s: Stamp, rows: Array<{ schoolId: string; name: string | null }>) {
  await writeInBatches(
    db,
    s,
    "schools",
    created("schools"),
    [text(rows.map((r) => r.schoolId)), text(rows.map((r) => r.name))],
    ["school_id", "name"],
    (f) =>
      sql`insert into schools as t (organization_id, school_id, name, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, f.school_id, f.name, ${s.importId}, ${s.importId} from ${f}`,
    { joins: false },
  );
}

/** A school's name from the file (and active: a renamed school the file names is active). */
export async function updateSchools(db: Executor, s: Stamp, rows: Array<{ id: number; name: string }>) {
  await writeInBatches(
    db,
    s,
    "schools",
    updated("schools", [...same("name"), ["active", sql`true`]]),
    [bigint(rows.map((r) => r.id)), text(rows.map((r) => r.name))],
    ["id", "name"],
    (f) =>
      sql`update schools t set name = f.name, active = true, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f} join schools o on o.id = f.id
      where t.organization_id = ${s.organizationId} and t.id = f.id`,
  );
}

export async function insertTerms(db: Executor, s: Stamp, names: string[]) {
  await writeInBatches(
    db,
    s,
    "terms",
    created("terms"),
    [text(names)],
    ["name"],
    (f) =>
      sql`insert into terms as t (organization_id, name, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, f.name, ${s.importId}, ${s.importId} from ${f}`,
    { joins: false },
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
    s,
    table,
    updated(table, [["active", sql`${active}`]]),
    [bigint(ids)],
    ["id"],
    (f) =>
      sql`update ${sql.raw(table)} t set active = ${active}, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f} join ${sql.raw(table)} o on o.id = f.id
      where t.organization_id = ${s.organizationId} and t.id = f.id`,
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
    s,
    "students",
    created("students"),
    columns,
    ["student_id", "first_name", "last_name", "email", "grade"],
    (f) =>
      sql`insert into students as t (organization_id, student_id, first_name, last_name, email, grade, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, f.student_id, f.first_name, f.last_name, f.email, f.grade, ${s.importId}, ${s.importId} from ${f}`,
    { joins: false },
  );
}

const same = (...names: string[]): Array<[string, SQL]> => names.map((name) => [name, sql.raw(`f.${name}`)]);

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
    s,
    "students",
    updated("students", [...same("first_name", "last_name", "email", "grade"), ["active", sql`true`]]),
    columns,
    ["id", "first_name", "last_name", "email", "grade"],
    (f) =>
      sql`update students t set first_name = f.first_name, last_name = f.last_name, email = f.email, grade = f.grade,
        active = true, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f} join students o on o.id = f.id
      where t.organization_id = ${s.organizationId} and t.id = f.id`,
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
    s,
    "staff",
    created("staff"),
    columns,
    ["staff_id", "email", "first_name", "last_name", "title"],
    (f) =>
      sql`insert into staff as t (organization_id, staff_id, email, first_name, last_name, title, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, f.staff_id, f.email, f.first_name, f.last_name, f.title, ${s.importId}, ${s.importId} from ${f}`,
    { joins: false },
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
    s,
    "staff",
    updated("staff", [...same("staff_id", "email", "first_name", "last_name", "title"), ["active", sql`true`]]),
    columns,
    ["id", "staff_id", "email", "first_name", "last_name", "title"],
    (f) =>
      sql`update staff t set staff_id = f.staff_id, email = f.email, first_name = f.first_name, last_name = f.last_name,
        title = f.title, active = true, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f} join staff o on o.id = f.id
      where t.organization_id = ${s.organizationId} and t.id = f.id`,
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
    s,
    "classes",
    created("classes"),
    columns,
    ["class_id", "name", "period", "term", "school"],
    (f) =>
      sql`insert into classes as t (organization_id, class_id, name, period, term_id, school_id, created_by_import_id, updated_by_import_id)
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
    s,
    "classes",
    updated("classes", [
      ...same("name", "period"),
      ["term_id", sql`tm.id`],
      ["school_id", sql`sc.id`],
      ["active", sql`true`],
    ]),
    columns,
    ["id", "name", "period", "term", "school"],
    (f) =>
      sql`update classes t set name = f.name, period = f.period, term_id = tm.id, school_id = sc.id,
        active = true, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f}
      join classes o on o.id = f.id
      join terms tm on tm.organization_id = ${s.organizationId} and tm.name = f.term
      join schools sc on sc.organization_id = ${s.organizationId} and sc.school_id = f.school
      where t.organization_id = ${s.organizationId} and t.id = f.id`,
  );
}

/** `keys`: pairKey(class id, student id) of each enrollment. */
export async function insertEnrollments(db: Executor, s: Stamp, pairs: IdPairs) {
  const columns = pairHalves(pairs);
  await writeInBatches(
    db,
    s,
    "enrollments",
    created("enrollments"),
    columns,
    ["class_id", "student_id"],
    (f) =>
      sql`insert into enrollments as t (organization_id, class_id, student_id, created_by_import_id, updated_by_import_id)
      select ${s.organizationId}, c.id, st.id, ${s.importId}, ${s.importId} from ${f}
      join classes c on c.organization_id = ${s.organizationId} and c.class_id = f.class_id
      join students st on st.organization_id = ${s.organizationId} and st.student_id = f.student_id`,
  );
}

export async function insertAssignments(db: Executor, s: Stamp, rows: Array<{ classId: string; email: string }>) {
  const columns = [text(rows.map((r) => r.classId)), text(rows.map((r) => r.email))];
  await writeInBatches(
    db,
    s,
    "teaching assignments",
    created("teaching_assignments"),
    columns,
    ["class_id", "email"],
    (f) =>
      sql`insert into teaching_assignments as t (organization_id, class_id, staff_id, created_by_import_id, updated_by_import_id)
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
    s,
    m.table,
    { table: m.table, op: "c", returning: sql.raw(`t.${m.person} as row_id, t.school_id as school_id`) },
    columns,
    ["person", "school"],
    (f) =>
      sql`insert into ${sql.raw(m.table)} as t (organization_id, ${sql.raw(m.person)}, school_id, created_by_import_id, updated_by_import_id)
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
    s,
    m.table,
    {
      table: m.table,
      op: "u",
      returning: sql`t.${sql.raw(m.person)} as row_id, t.school_id as school_id, ${changedColumns([["active", sql`${active}`]])} as previous`,
    },
    columns,
    ["person", "school"],
    (f) =>
      sql`update ${sql.raw(m.table)} t set active = ${active}, updated_at = now(), updated_by_import_id = ${s.importId}
      from ${f} join ${sql.raw(m.table)} o on o.${sql.raw(m.person)} = f.person and o.school_id = f.school
      where t.organization_id = ${s.organizationId} and t.${sql.raw(m.person)} = f.person and t.school_id = f.school`,
  );
}

/** Refreshes planner statistics after a large first load, so later statements pick good plans. */
export async function analyze(db: Executor, tables: string[]) {
  for (const table of tables) await db.execute(sql`analyze ${sql.raw(table)}`);
}
