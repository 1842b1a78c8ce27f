import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { schools } from "@/db/schema/roster";
import type { OnBatch } from "./in-batches";
import { pageOf, rosterList, searchCondition, type ListQuery, type Page } from "./roster-list";

// The admin's Schools tab: each school with its active classes, students and staff, and the
// name an admin gives it. Order: school id (byte order). Search: the start of the id or name.
//
// Counting a school's students means walking every enrollment of its classes (≈4,400 per school
// in the 1M-enrollment benchmark district, ~90 ms for a page of 50 schools), so the student counts
// are kept in school_student_counts and recounted, for the whole organization in one statement,
// the first time the list is shown after an import was applied. Students and enrollments change
// only through imports, so "the number of applied imports" is the cache key. Classes and staff
// are counted live (staff can also be deactivated outside an import).

export type SchoolFilters = { q: string };

export type SchoolListRow = {
  id: number;
  schoolId: string;
  name: string | null;
  classes: number;
  students: number;
  staff: number;
};

const rosterVersionOf = (organizationId: string) => sql`(
  select count(*)::int from imports
  where organization_id = ${organizationId} and status in ('applied', 'applied_with_errors'))`;

/** Recounts the students of every school of the organization unless the counts are current. */
export async function refreshSchoolStudentCounts(db: Executor, organizationId: string): Promise<void> {
  const [state] = rowsOf<{ stale: boolean }>(
    await db.execute(sql`
      select exists (
        select 1 from schools sc
        where sc.organization_id = ${organizationId} and not exists (
          select 1 from school_student_counts n
          where n.school_id = sc.id and n.roster_version = ${rosterVersionOf(organizationId)})
      ) as stale`),
  );
  if (!state?.stale) return;
  // One statement, one snapshot: the counts and the version they belong to agree. Rows are
  // written in school order so two concurrent recounts lock them in the same order.
  await db.execute(sql`
    with counted as (
      select x.school_id, count(*)::int as students
      from (
        select c.school_id, e.student_id
        from classes c join enrollments e on e.class_id = c.id and e.organization_id = c.organization_id and e.active
        where c.organization_id = ${organizationId} and c.active
        union
        select ss.school_id, ss.student_id from student_schools ss where ss.organization_id = ${organizationId} and ss.active
      ) x
      join students s on s.id = x.student_id and s.active
      group by x.school_id
    )
    insert into school_student_counts (organization_id, school_id, students, roster_version)
    select ${organizationId}, sc.id, coalesce(counted.students, 0), ${rosterVersionOf(organizationId)}
    from schools sc left join counted on counted.school_id = sc.id
    where sc.organization_id = ${organizationId}
    order by sc.id
    on conflict (school_id) do update set students = excluded.students, roster_version = excluded.roster_version`);
}

function schoolListQuery(organizationId: string, filters: SchoolFilters): ListQuery {
  // Scalar subqueries run once per row of the page, each through an index (a join here would let
  // the planner hash the whole staff table for every school).
  return {
    select: sql`sc.id::float8 as id, sc.school_id as "schoolId", sc.name,
      (select count(*)::int from classes c where c.organization_id = sc.organization_id and c.school_id = sc.id and c.active) as classes,
      coalesce((select n.students from school_student_counts n where n.school_id = sc.id), 0) as students,
      (select count(*)::int from (
         select a.staff_id from classes c
         join teaching_assignments a on a.class_id = c.id and a.organization_id = c.organization_id and a.active
         where c.organization_id = sc.organization_id and c.school_id = sc.id and c.active
         union
         select ss.staff_id from staff_schools ss
         where ss.organization_id = sc.organization_id and ss.school_id = sc.id and ss.active
       ) x where (select st.active from staff st where st.id = x.staff_id)) as staff`,
    from: sql`schools sc
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
  await refreshSchoolStudentCounts(db, organizationId);
  return db.transaction(async (tx) => {
    // The per-school subqueries are cheap (≈12 ms for 50 schools of the 1M-enrollment district)
    // but estimated dear, which crosses jit_above_cost; JIT compiling them took ≈17 ms more.
    await tx.execute(sql`set local jit = off`);
    return pageOf<SchoolListRow>(tx, schoolListQuery(organizationId, filters), page);
  });
}

export async function exportSchoolList(
  db: Executor,
  organizationId: string,
  filters: SchoolFilters,
  onBatch: OnBatch<SchoolListRow>,
) {
  await refreshSchoolStudentCounts(db, organizationId);
  return rosterList<SchoolFilters, SchoolListRow>(schoolListQuery).exportAll(db, organizationId, filters, onBatch);
}

/**
 * Names a school (the admin's name for it; imports never change it). Answers the school id, or
 * null when the school is not one of this organization's.
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
