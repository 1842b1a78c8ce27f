import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { isLink, writeRecorded, type UndoCapture, type UndoTable } from "./roster-writes";

// Undoing an import, chunk by chunk (one set-based statement per chunk of the import's undo
// data, newest chunk first), each statement recording its own undo data for the undo import, so
// an undo can itself be undone (a redo):
//   created ("c") → removed where nothing else references the row (recorded "d" with its
//                   content), else deactivated (recorded "u");
//   updated ("u") → the recorded columns set back (recorded "u" with the values they had);
//   deleted ("d") → put back with its id and content (recorded "c").
// Restored rows carry the undo as their `updated_by_import_id`.

type Stamp = { organizationId: string; importId: string };
type ColumnType = "text" | "bigint" | "boolean";

/** The columns an undo puts back, per table (what the exports show, in database terms). */
const CONTENT: Record<UndoTable, Record<string, ColumnType>> = {
  schools: { school_id: "text", name: "text", active: "boolean" },
  terms: { name: "text", active: "boolean" },
  classes: {
    class_id: "text",
    name: "text",
    period: "text",
    term_id: "bigint",
    school_id: "bigint",
    active: "boolean",
  },
  students: {
    student_id: "text",
    first_name: "text",
    last_name: "text",
    email: "text",
    grade: "text",
    active: "boolean",
  },
  staff: { staff_id: "text", email: "text", first_name: "text", last_name: "text", title: "text", active: "boolean" },
  enrollments: { class_id: "bigint", student_id: "bigint", active: "boolean" },
  teaching_assignments: { class_id: "bigint", staff_id: "bigint", active: "boolean" },
  student_schools: { active: "boolean" },
  staff_schools: { active: "boolean" },
};

/** Rows elsewhere that keep a created row from being removed (it is deactivated instead). */
const REFERENCES: Record<UndoTable, Array<[table: string, column: string]>> = {
  schools: [
    ["classes", "school_id"],
    ["student_schools", "school_id"],
    ["staff_schools", "school_id"],
  ],
  terms: [["classes", "term_id"]],
  classes: [
    ["enrollments", "class_id"],
    ["teaching_assignments", "class_id"],
  ],
  students: [
    ["enrollments", "student_id"],
    ["student_schools", "student_id"],
  ],
  staff: [
    ["teaching_assignments", "staff_id"],
    ["staff_schools", "staff_id"],
    ["memberships", "staff_id"],
    ["invitations", "staff_id"],
  ],
  enrollments: [],
  teaching_assignments: [],
  student_schools: [],
  staff_schools: [],
};

export const UNDO_TABLES = Object.keys(CONTENT) as UndoTable[];

const personColumn = (table: UndoTable) => (table === "student_schools" ? "student_id" : "staff_id");

/** `alias` is the row `f` names: by id, or (school links) by person and school. */
function matches(table: UndoTable, alias: string): SQL {
  return isLink(table)
    ? sql.raw(`${alias}.${personColumn(table)} = f.row_id and ${alias}.school_id = f.school_id`)
    : sql.raw(`${alias}.id = f.row_id`);
}

const rowKey = (table: UndoTable) =>
  isLink(table)
    ? sql.raw(`t.${personColumn(table)} as row_id, t.school_id as school_id`)
    : sql.raw(`t.id as row_id, null::bigint as school_id`);

/** One chunk's rows as `f(row_id, school_id, prev)`. */
const chunkRows = (organizationId: string, chunkId: number) =>
  sql`(select u.row_id, u.school_id, u.prev from import_undo_chunks c,
    unnest(c.row_ids, coalesce(c.school_ids, '{}'), coalesce(c.previous, '{}')) as u(row_id, school_id, prev)
    where c.organization_id = ${organizationId} and c.id = ${chunkId}) f`;

export type UndoChunk = { id: number; table: UndoTable; op: "c" | "u" | "d"; rows: number };

export async function listUndoChunks(db: Executor, organizationId: string, importId: string): Promise<UndoChunk[]> {
  return rowsOf<UndoChunk>(
    await db.execute(sql`select id::int as id, "table", op, cardinality(row_ids) as rows from import_undo_chunks
      where organization_id = ${organizationId} and import_id = ${importId} order by id`),
  ).map((chunk) => ({ ...chunk, id: Number(chunk.id), rows: Number(chunk.rows) }));
}

/** Bytes the import's undo data takes in the database (as stored: compressed where it was). */
export async function undoDataBytes(db: Executor, organizationId: string, importId: string): Promise<number> {
  const [row] = rowsOf<{ bytes: string | number | null }>(
    await db.execute(sql`select sum(pg_column_size(c.*)) as bytes from import_undo_chunks c
      where organization_id = ${organizationId} and import_id = ${importId}`),
  );
  return Number(row?.bytes ?? 0);
}

/**
 * Reverses one chunk of another import's writes (see the top of the file); answers the rows it
 * could not find (0 unless the roster changed underneath).
 */
export async function undoChunk(db: Executor, s: Stamp, chunk: UndoChunk): Promise<number> {
  const { table } = chunk;
  const t = sql.raw(table);
  const org = s.organizationId;
  const provenance = sql`updated_at = now(), updated_by_import_id = ${s.importId}`;
  if (chunk.op === "u") {
    const sets = Object.entries(CONTENT[table]).map(
      ([column]) => sql.raw(`${column} = case when f.prev ? '${column}' then r.${column} else t.${column} end`),
      // the column types come from the table's own row type (jsonb_populate_record)
    );
    const capture: UndoCapture = {
      table,
      op: "u",
      returning: sql`${rowKey(table)}, (select coalesce(jsonb_object_agg(k, to_jsonb(o) -> k), '{}'::jsonb)
        from jsonb_object_keys(f.prev) k) as previous`,
    };
    const written = await writeRecorded(
      db,
      s,
      capture,
      sql`update ${t} t set ${sql.join(sets, sql`, `)}, ${provenance}
        from ${chunkRows(org, chunk.id)} cross join lateral jsonb_populate_record(null::${t}, f.prev) r
        join ${t} o on ${matches(table, "o")}
        where t.organization_id = ${org} and ${matches(table, "t")}`,
    );
    return chunk.rows - written;
  }
  if (chunk.op === "d") {
    const columns = Object.keys(CONTENT[table]);
    const key = isLink(table) ? [personColumn(table), "school_id"] : ["id"];
    const keyValues = isLink(table) ? sql`f.row_id, f.school_id` : sql`f.row_id`;
    const written = await writeRecorded(
      db,
      s,
      { table, op: "c", returning: rowKey(table) },
      sql`insert into ${t} as t (organization_id, ${sql.raw([...key, ...columns].join(", "))}, created_by_import_id, updated_by_import_id)
        select ${org}, ${keyValues}, ${sql.raw(columns.map((c) => `r.${c}`).join(", "))}, ${s.importId}, ${s.importId}
        from ${chunkRows(org, chunk.id)} cross join lateral jsonb_populate_record(null::${t}, f.prev) r`,
    );
    return chunk.rows - written;
  }
  // Created: deactivate what something else references, remove the rest.
  const referenced = REFERENCES[table].map(
    ([other, column]) => sql`exists (select 1 from ${sql.raw(other)} x where x.${sql.raw(column)} = t.id)`,
  );
  const isReferenced = referenced.length > 0 ? sql.join(referenced, sql` or `) : sql`false`;
  let kept = 0;
  if (referenced.length > 0) {
    kept = await writeRecorded(
      db,
      s,
      { table, op: "u", returning: sql`${rowKey(table)}, jsonb_build_object('active', o.active) as previous` },
      sql`update ${t} t set active = false, ${provenance}
        from ${chunkRows(org, chunk.id)} join ${t} o on ${matches(table, "o")}
        where t.organization_id = ${org} and ${matches(table, "t")} and (${isReferenced})`,
    );
  }
  const content = Object.keys(CONTENT[table]).map((column) => sql.raw(`'${column}', t.${column}`));
  const removed = await writeRecorded(
    db,
    s,
    { table, op: "d", returning: sql`${rowKey(table)}, jsonb_build_object(${sql.join(content, sql`, `)}) as previous` },
    sql`delete from ${t} t using ${chunkRows(org, chunk.id)}
      where t.organization_id = ${org} and ${matches(table, "t")} and not (${isReferenced})`,
  );
  return chunk.rows - kept - removed;
}

/** A row of an import that a later import (still standing) also wrote, or wrote rows under. */
export type UndoOverlap = { laterImportId: string; table: UndoTable; rowId: number; label: string };

const LABELS: Record<UndoTable, SQL> = {
  schools: sql`(select 'School ' || x.school_id from schools x where x.id = m.row_id)`,
  terms: sql`(select 'Term ' || x.name from terms x where x.id = m.row_id)`,
  classes: sql`(select 'Class ' || x.class_id || ' ' || x.name from classes x where x.id = m.row_id)`,
  students: sql`(select 'Student ' || x.student_id || ' ' || x.first_name || ' ' || x.last_name from students x where x.id = m.row_id)`,
  staff: sql`(select 'Staff ' || x.first_name || ' ' || x.last_name || ' <' || x.email || '>' from staff x where x.id = m.row_id)`,
  enrollments: sql`(select 'Enrollment of student ' || s.student_id || ' in class ' || c.class_id from enrollments x
    join students s on s.id = x.student_id join classes c on c.id = x.class_id where x.id = m.row_id)`,
  teaching_assignments: sql`(select 'Class ' || c.class_id || ' taught by ' || s.email from teaching_assignments x
    join staff s on s.id = x.staff_id join classes c on c.id = x.class_id where x.id = m.row_id)`,
  student_schools: sql`(select 'Student ' || s.student_id || ' at school ' || sc.school_id from students s, schools sc
    where s.id = m.row_id and sc.id = m.school_id)`,
  staff_schools: sql`(select 'Staff ' || s.email || ' at school ' || sc.school_id from staff s, schools sc
    where s.id = m.row_id and sc.id = m.school_id)`,
};

/**
 * The rows of `importId` that imports recorded after it also wrote — the same row, or (for a row
 * the import created) a row that names it: an enrollment in a class it created, a class in its
 * term. Answers each overlap once per later import, at most `limit` rows per later import.
 */
export async function findLaterOverlaps(
  db: Executor,
  organizationId: string,
  importId: string,
  limit = 20,
): Promise<UndoOverlap[]> {
  const rows = rowsOf<{ later: string; table: UndoTable; row_id: string | number; school_id: string | number | null }>(
    await db.execute(sql`
    with mine as materialized (
      select c."table", c.op, u.row_id, coalesce(u.school_id, 0) as school_id
      from import_undo_chunks c, unnest(c.row_ids, coalesce(c.school_ids, '{}')) as u(row_id, school_id)
      where c.organization_id = ${organizationId} and c.import_id = ${importId}
    ),
    later as materialized (
      select c.import_id, c."table", u.row_id, coalesce(u.school_id, 0) as school_id
      from import_undo_chunks c, unnest(c.row_ids, coalesce(c.school_ids, '{}')) as u(row_id, school_id)
      where c.organization_id = ${organizationId} and c.import_id <> ${importId}
        and c.id > (select max(id) from import_undo_chunks where organization_id = ${organizationId} and import_id = ${importId})
    ),
    parents as materialized (
      select l.import_id, p."table", p.row_id, 0::bigint as school_id from later l
      join lateral (
        select 'classes' as "table", e.class_id as row_id from enrollments e where l."table" = 'enrollments' and e.id = l.row_id
        union all select 'students', e.student_id from enrollments e where l."table" = 'enrollments' and e.id = l.row_id
        union all select 'classes', a.class_id from teaching_assignments a where l."table" = 'teaching_assignments' and a.id = l.row_id
        union all select 'staff', a.staff_id from teaching_assignments a where l."table" = 'teaching_assignments' and a.id = l.row_id
        union all select 'terms', k.term_id from classes k where l."table" = 'classes' and k.id = l.row_id
        union all select 'schools', k.school_id from classes k where l."table" = 'classes' and k.id = l.row_id
        union all select 'students', l.row_id where l."table" = 'student_schools'
        union all select 'staff', l.row_id where l."table" = 'staff_schools'
        union all select 'schools', l.school_id where l."table" in ('student_schools', 'staff_schools')
      ) p on true
    ),
    hits as (
      select l.import_id as later, m."table", m.row_id, m.school_id from later l
      join mine m on m."table" = l."table" and m.row_id = l.row_id and m.school_id = l.school_id
      union
      select p.import_id, m."table", m.row_id, m.school_id from parents p
      join mine m on m.op = 'c' and m."table" = p."table" and m.row_id = p.row_id
    ),
    numbered as (select h.*, row_number() over (partition by later order by "table", row_id, school_id) as n from hits h)
    select later, "table", row_id, nullif(school_id, 0) as school_id from numbered where n <= ${limit}`),
  );
  if (rows.length === 0) return [];
  return Promise.all(
    rows.map(async (row) => {
      const [labelled] = rowsOf<{ label: string | null }>(
        await db.execute(
          sql`select ${LABELS[row.table]} as label from (select ${Number(row.row_id)}::bigint as row_id, ${row.school_id === null ? null : Number(row.school_id)}::bigint as school_id) m`,
        ),
      );
      return {
        laterImportId: row.later,
        table: row.table,
        rowId: Number(row.row_id),
        label: labelled?.label ?? `A removed row of ${row.table.replaceAll("_", " ")}`,
      };
    }),
  );
}

/** The first and last undo chunk of each import given (the order imports wrote in). */
export async function undoChunkSpans(
  db: Executor,
  organizationId: string,
  importIds: string[],
): Promise<Map<string, { first: number; last: number }>> {
  if (importIds.length === 0) return new Map();
  const rows = rowsOf<{ import_id: string; first: string | number; last: string | number }>(
    await db.execute(sql`select import_id, min(id) as first, max(id) as last from import_undo_chunks
      where organization_id = ${organizationId} and import_id = any(${sql.param(importIds)}::uuid[]) group by import_id`),
  );
  return new Map(rows.map((r) => [r.import_id, { first: Number(r.first), last: Number(r.last) }]));
}
