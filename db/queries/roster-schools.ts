import { and, eq, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { schools } from "@/db/schema/roster";
import type { OnBatch } from "./in-batches";
import { pageOf, rosterList, searchCondition, type ListQuery, type Page } from "./roster-list";

// The admin's Schools tab: each school with its active classes, students and staff, and its
// name (from a roster set, or the one an admin gives it). Order: school id (byte order). Search: any word of the name, or the id.
//
// The counts come from school_counts, not from the roster at each request: counting a school's
// students walks every enrollment of its classes (≈4,400 per school in the 1M-enrollment
// benchmark district, ~90 ms for a page of 50 schools), and its staff every teaching assignment.
// The cache is recounted for the whole organization, set-based in one statement, the first time
// the list is shown after the roster changed. The roster changes through applied imports (undo
// included), whatever writes their rows, so a stamp of the applied imports — how many, and when
// the last one finished — is the cache key (retention deleting old imports changes it too, and
// only causes a recount). The writes outside an import call invalidateSchoolCounts: forgetting a
// person and an admin's (de)activation of a staff member; offboarding deletes the organization.

export type SchoolFilters = { q: string };

/**
 * How menus and lists name a school (`alias` is the schools row): "North High (101)" once it has a
 * name, else its id. Import samples write "School 101" for an unnamed one (change-labels.ts).
 */
export const schoolLabelSql = (alias: string) =>
  sql.raw(
    `case when ${alias}.name is null or ${alias}.name = '' then ${alias}.school_id else ${alias}.name || ' (' || ${alias}.school_id || ')' end`,
  );

/** Menu order: named schools by name (case-insensitive), then the unnamed by id. */
export const schoolMenuOrder = (alias: string) =>
  sql.raw(`${alias}.name is null, lower(${alias}.name) collate "C", ${alias}.school_id collate "C"`);

export type SchoolListRow = {
  id: number;
  schoolId: string;
  name: string | null;
  classes: number;
  students: number;
  staff: number;
};

const rosterVersionOf = (organizationId: string) => sql`(
  select count(*)::text || '/' || coalesce((extract(epoch from max(finished_at)) * 1000000)::bigint::text, '-')
  from imports where organization_id = ${organizationId} and status in ('applied', 'applied_with_errors'))`;

/** Drops the organization's school counts: the next Schools view recounts them. */
export async function invalidateSchoolCounts(db: Executor, organizationId: string): Promise<void> {
  await db.execute(sql`delete from school_counts where organization_id = ${organizationId}`);
}

/**
 * `school_id, n`: each school's distinct active people (students or staff) with an active link
 * (enrollment or teaching assignment) to one of its active classes, or an active school link.
 * Needs the CTE `active_classes (id, school_id)`.
 */
function peoplePerSchool(org: string, t: { links: string; schoolLinks: string; people: string; person: string }): SQL {
  const [links, schoolLinks, people, person] = [t.links, t.schoolLinks, t.people, t.person].map((name) =>
    sql.raw(name),
  );
  return sql`
    select x.school_id, count(*)::int as n
    from (
      select c.school_id, l.${person} as person
      from active_classes c join ${links} l on l.class_id = c.id and l.organization_id = ${org} and l.active
      union
      select sl.school_id, sl.${person} from ${schoolLinks} sl where sl.organization_id = ${org} and sl.active
    ) x
    join ${people} p on p.id = x.person and p.active
    group by x.school_id`;
}

/** Recounts every school of the organization unless the counts are current. */
export async function refreshSchoolCounts(db: Executor, organizationId: string): Promise<void> {
  const [state] = rowsOf<{ stale: boolean }>(
    await db.execute(sql`
      select exists (
        select 1 from schools sc
        where sc.organization_id = ${organizationId} and not exists (
          select 1 from school_counts n
          where n.school_id = sc.id and n.roster_version = ${rosterVersionOf(organizationId)})
      ) as stale`),
  );
  if (!state?.stale) return;
  // One statement, one snapshot: the counts and the version they belong to agree. Rows are
  // written in school order so two concurrent recounts lock them in the same order.
  const org = organizationId;
  await db.execute(sql`
    with active_classes as (
      select c.id, c.school_id from classes c where c.organization_id = ${org} and c.active
    ),
    class_counts as (
      select school_id, count(*)::int as classes from active_classes group by school_id
    ),
    student_counts as (${peoplePerSchool(org, { links: "enrollments", schoolLinks: "student_schools", people: "students", person: "student_id" })}),
    staff_counts as (${peoplePerSchool(org, { links: "teaching_assignments", schoolLinks: "staff_schools", people: "staff", person: "staff_id" })})
    insert into school_counts (organization_id, school_id, classes, students, staff, roster_version)
    select ${org}, sc.id, coalesce(cc.classes, 0), coalesce(sn.n, 0), coalesce(tn.n, 0), ${rosterVersionOf(org)}
    from schools sc
    left join class_counts cc on cc.school_id = sc.id
    left join student_counts sn on sn.school_id = sc.id
    left join staff_counts tn on tn.school_id = sc.id
    where sc.organization_id = ${org}
    order by sc.id
    on conflict (school_id) do update set classes = excluded.classes, students = excluded.students,
      staff = excluded.staff, roster_version = excluded.roster_version`);
}

function schoolListQuery(organizationId: string, filters: SchoolFilters): ListQuery {
  return {
    select: sql`sc.id::float8 as id, sc.school_id as "schoolId", sc.name, coalesce(n.classes, 0) as classes,
      coalesce(n.students, 0) as students, coalesce(n.staff, 0) as staff`,
    from: sql`schools sc left join school_counts n on n.school_id = sc.id
      where sc.organization_id = ${organizationId}
      ${searchCondition(filters.q, sql`sc.search_words`)}`,
    orderBy: sql`sc.school_id collate "C"`,
  };
}

export async function listSchools(
  db: Executor,
  organizationId: string,
  filters: SchoolFilters,
  page: number,
): Promise<Page<SchoolListRow>> {
  await refreshSchoolCounts(db, organizationId);
  return pageOf<SchoolListRow>(db, schoolListQuery(organizationId, filters), page);
}

export async function exportSchoolList(
  db: Executor,
  organizationId: string,
  filters: SchoolFilters,
  onBatch: OnBatch<SchoolListRow>,
) {
  await refreshSchoolCounts(db, organizationId);
  return rosterList<SchoolFilters, SchoolListRow>(schoolListQuery).exportAll(db, organizationId, filters, onBatch);
}

/**
 * Names a school (the admin's name for it, until an import of a set gives the school another:
 * docs/import-rules.md "School names"). Answers the school id, or null when the school is not one
 * of this organization's.
 */
export async function renameSchool(
  db: Executor,
  organizationId: string,
  id: number,
  name: string,
): Promise<string | null> {
  const [row] = await db
    .update(schools)
    .set({ name, updatedAt: new Date() })
    .where(and(eq(schools.organizationId, organizationId), eq(schools.id, id)))
    .returning({ schoolId: schools.schoolId });
  return row?.schoolId ?? null;
}
