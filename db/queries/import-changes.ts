import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";

// The full list behind an applied import's "… and N more": the records its apply wrote, read
// from its undo data (import_undo_chunks: ids created, and ids updated with the columns' previous
// values), joined to the roster as it is now. Paged and searched in the database, so a
// 180,000-enrollment import lists as quickly as a small one.

export type ChangeEntity = "schools" | "terms" | "classes" | "students" | "staff" | "enrollments" | "assignments";
export type ChangeKind = "created" | "updated" | "reactivated" | "deactivated";

/** One changed record's parts, for the label ("Zoë Smith (000417) left World History 4 (…)"). */
export type ChangedRecord = {
  first: string | null;
  last: string | null;
  key: string | null;
  email: string | null;
  className: string | null;
  classKey: string | null;
  period: string | null;
  /** Updates: the columns the import changed, with their values before it. */
  previous: Record<string, unknown> | null;
  /** Updates: the same columns now. */
  current: Record<string, unknown> | null;
};

/** The table each entity type is written to (its undo data names the table). */
export const CHANGE_TABLES: Record<ChangeEntity, string> = {
  schools: "schools",
  terms: "terms",
  classes: "classes",
  students: "students",
  staff: "staff",
  enrollments: "enrollments",
  assignments: "teaching_assignments",
};

/** Which written rows are this change: created rows, or updates told apart by `active`. */
function changeFilter(change: ChangeKind): SQL {
  if (change === "created") return sql`c.op = 'c'`;
  if (change === "reactivated") return sql`c.op = 'u' and u.prev ->> 'active' = 'false'`;
  if (change === "deactivated") return sql`c.op = 'u' and u.prev ->> 'active' = 'true'`;
  return sql`c.op = 'u' and not (u.prev ? 'active')`;
}

/** Per entity: the record's parts as ChangedRecord columns, its joins, its search text and order. */
function shape(entity: ChangeEntity): { select: SQL; from: SQL; text: SQL; order: SQL } {
  const none = sql`null::text`;
  const person = (table: "students" | "staff", alias: string, key: string) => ({
    first: sql.raw(`${alias}.first_name`),
    last: sql.raw(`${alias}.last_name`),
    key: sql.raw(`${alias}.${key}`),
    email: table === "staff" ? sql.raw(`${alias}.email`) : none,
  });
  const cols = (p: { first: SQL; last: SQL; key: SQL; email: SQL }, klass: "k" | null, row: string) =>
    sql`${p.first} as first, ${p.last} as last, ${p.key} as key, ${p.email} as email,
      ${klass ? sql.raw("k.name") : none} as class_name, ${klass ? sql.raw("k.class_id") : none} as class_key,
      ${klass ? sql.raw("k.period") : none} as period,
      u.prev as previous, (select jsonb_object_agg(f, to_jsonb(${sql.raw(row)}) -> f) from jsonb_object_keys(u.prev) f) as current`;
  switch (entity) {
    case "students":
    case "staff": {
      const students = entity === "students";
      const p = students
        ? person("students", "r", "student_id")
        : person("staff", "r", "coalesce(r.staff_id, r.email)");
      return {
        select: cols(p, null, "r"),
        from: students ? sql`join students r on r.id = u.row_id` : sql`join staff r on r.id = u.row_id`,
        text: students
          ? sql`r.first_name || ' ' || r.last_name || ' ' || r.student_id || ' ' || coalesce(r.email, '')`
          : sql`r.first_name || ' ' || r.last_name || ' ' || r.email || ' ' || coalesce(r.staff_id, '')`,
        order: sql`lower(r.last_name), lower(r.first_name), r.id`,
      };
    }
    case "classes":
      return {
        select: sql`null::text as first, null::text as last, null::text as key, null::text as email, k.name as class_name,
          k.class_id as class_key, k.period, u.prev as previous,
          (select jsonb_object_agg(f, to_jsonb(k) -> f) from jsonb_object_keys(u.prev) f) as current`,
        from: sql`join classes k on k.id = u.row_id`,
        text: sql`k.name || ' ' || k.class_id`,
        order: sql`lower(k.name), k.class_id, k.id`,
      };
    case "schools":
      return {
        select: sql`null::text as first, null::text as last, r.school_id as key, null::text as email, r.name as class_name,
          null::text as class_key, null::text as period, u.prev as previous,
          (select jsonb_object_agg(f, to_jsonb(r) -> f) from jsonb_object_keys(u.prev) f) as current`,
        from: sql`join schools r on r.id = u.row_id`,
        text: sql`r.school_id || ' ' || coalesce(r.name, '')`,
        order: sql`r.school_id, r.id`,
      };
    case "terms":
      return {
        select: sql`null::text as first, null::text as last, r.name as key, null::text as email, null::text as class_name,
          null::text as class_key, null::text as period, u.prev as previous, null::jsonb as current`,
        from: sql`join terms r on r.id = u.row_id`,
        text: sql`r.name`,
        order: sql`r.name, r.id`,
      };
    case "enrollments":
    case "assignments": {
      const students = entity === "enrollments";
      const p = students
        ? person("students", "r", "student_id")
        : person("staff", "r", "coalesce(r.staff_id, r.email)");
      return {
        select: cols(p, "k", "l"),
        from: students
          ? sql`join enrollments l on l.id = u.row_id join students r on r.id = l.student_id join classes k on k.id = l.class_id`
          : sql`join teaching_assignments l on l.id = u.row_id join staff r on r.id = l.staff_id join classes k on k.id = l.class_id`,
        text: sql`r.first_name || ' ' || r.last_name || ' ' || ${students ? sql`r.student_id` : sql`r.email`} || ' ' || k.name || ' ' || k.class_id`,
        order: sql`lower(r.last_name), lower(r.first_name), r.id, lower(k.name), k.id`,
      };
    }
  }
}

/**
 * One page of the records an applied import changed of one entity and change, matching `search`
 * (any part of the name, id, email or class, case-insensitive), with the total that matches.
 */
export async function pageAppliedChanges(
  db: Executor,
  organizationId: string,
  importId: string,
  options: { entity: ChangeEntity; change: ChangeKind; search: string; limit: number; offset: number },
): Promise<{ total: number; records: ChangedRecord[] }> {
  const { select, from, text, order } = shape(options.entity);
  const pattern = `%${options.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const written = sql`from import_undo_chunks c
    cross join lateral unnest(c.row_ids, coalesce(c.previous, '{}')) as u(row_id, prev)
    ${from}
    where c.organization_id = ${organizationId} and c.import_id = ${importId}
      and c."table" = ${CHANGE_TABLES[options.entity]} and ${changeFilter(options.change)}
      and (${options.search} = '' or lower(${text}) like ${pattern})`;
  const [counted, rows] = await Promise.all([
    db.execute(sql`select count(*)::int as n ${written}`),
    db.execute(sql`select ${select} ${written} order by ${order} limit ${options.limit} offset ${options.offset}`),
  ]);
  const total = Number(rowsOf<{ n: number }>(counted)[0]?.n ?? 0);
  const records = rowsOf<
    Omit<ChangedRecord, "className" | "classKey"> & { class_name: string | null; class_key: string | null }
  >(rows).map(({ class_name, class_key, ...rest }) => ({ ...rest, className: class_name, classKey: class_key }));
  return { total, records };
}

/** Whether the import has undo data at all (imports applied before undo existed have none). */
export async function hasUndoData(db: Executor, organizationId: string, importId: string): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(
      sql`select 1 from import_undo_chunks where organization_id = ${organizationId} and import_id = ${importId} limit 1`,
    ),
  );
  return rows.length > 0;
}
