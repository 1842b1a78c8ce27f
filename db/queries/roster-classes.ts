import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { changeHistory, linkChanges, recordChanges, type HistoryEntry } from "./change-history";
import {
  classStudentCount,
  classSummaryColumns,
  classSummaryJoins,
  classTeachers,
  type ClassSummary,
} from "./class-summary";
import { schoolLabelSql, schoolMenuOrder } from "./roster-schools";
import {
  rosterList,
  searchCondition,
  searchFence,
  statusCondition,
  type ListQuery,
  type RosterStatus,
} from "./roster-list";

// The admin's Classes tab and class page. Filters: school, term, teacher (internal ids from the
// filter menus), status; search: the start of the class name or class id. Order: class name
// (case-insensitive), then class id.

export type ClassFilters = { q: string; status: RosterStatus; school?: number; term?: number; teacher?: number };

export type ClassListRow = ClassSummary & {
  teachers: string | null;
  students: number;
  active: boolean;
};

function classListQuery(organizationId: string, filters: ClassFilters): ListQuery {
  return {
    select: sql`${classSummaryColumns}, ${classTeachers} as teachers, ${classStudentCount} as students, c.active`,
    from: sql`(select * from classes c
      where c.organization_id = ${organizationId}
      ${statusCondition(sql`c.active`, filters.status)}
      ${filters.school === undefined ? sql`` : sql` and c.school_id = ${filters.school}`}
      ${filters.term === undefined ? sql`` : sql` and c.term_id = ${filters.term}`}
      ${
        filters.teacher === undefined
          ? sql``
          : sql` and exists (select 1 from teaching_assignments ta where ta.organization_id = c.organization_id
                  and ta.class_id = c.id and ta.staff_id = ${filters.teacher} and ta.active)`
      }
      ${searchCondition(filters.q, sql`c.search_words`)}
      ${searchFence(filters.q)}) c`,
    orderBy: sql`lower(c.name) collate "C", c.class_id collate "C"`,
    joins: { alias: "c", sql: classSummaryJoins },
  };
}

const classList = rosterList<ClassFilters, ClassListRow>(classListQuery);
export const listClasses = classList.page;
export const exportClassList = classList.exportAll;

export type FilterOption = { id: number; label: string };
export type ClassFilterOptions = { schools: FilterOption[]; terms: FilterOption[]; teachers: FilterOption[] | null };

/** More staff than this and the teacher menu waits until a school is chosen. */
export const TEACHER_MENU_LIMIT = 300;

/**
 * The choices of the Classes filters: every school and term, and the teachers of the chosen
 * school (or of the whole organization while it has at most TEACHER_MENU_LIMIT staff; else only
 * the chosen teacher, or null: the menu asks for a school first).
 */
export async function getClassFilterOptions(
  db: Executor,
  organizationId: string,
  chosen: { school?: number; teacher?: number } = {},
): Promise<ClassFilterOptions> {
  const { school, teacher } = chosen;
  const [schoolRows, termRows] = await Promise.all([
    db.execute(sql`
      select sc.id::float8 as id, ${schoolLabelSql("sc")} as label
      from schools sc where sc.organization_id = ${organizationId} order by ${schoolMenuOrder("sc")}`),
    db.execute(
      sql`select id::float8 as id, name as label from terms where organization_id = ${organizationId} order by name collate "C" desc`,
    ),
  ]);
  const schools = rowsOf<FilterOption>(schoolRows);
  const terms = rowsOf<FilterOption>(termRows);
  const staffLabel = sql`st.last_name || ', ' || st.first_name || ' (' || st.email || ')'`;
  const staffOrder = sql`lower(st.last_name) collate "C", lower(st.first_name) collate "C", st.email collate "C"`;
  let teachers: FilterOption[] | null = null;
  if (school !== undefined) {
    teachers = rowsOf<FilterOption>(
      await db.execute(sql`
        select st.id::float8 as id, ${staffLabel} as label from staff st
        where st.organization_id = ${organizationId} and exists (
          select 1 from teaching_assignments a join classes c on c.id = a.class_id and c.organization_id = a.organization_id
          where a.organization_id = st.organization_id and a.staff_id = st.id and c.school_id = ${school})
        order by ${staffOrder}`),
    );
  } else {
    const rows = rowsOf<FilterOption>(
      await db.execute(sql`
        select st.id::float8 as id, ${staffLabel} as label from staff st where st.organization_id = ${organizationId}
        order by ${staffOrder} limit ${TEACHER_MENU_LIMIT + 1}`),
    );
    teachers = rows.length > TEACHER_MENU_LIMIT ? null : rows;
    // A teacher chosen elsewhere (the Staff tab links to their classes) is always offered.
    if (teachers === null && teacher !== undefined) {
      teachers = rowsOf<FilterOption>(
        await db.execute(sql`
          select st.id::float8 as id, ${staffLabel} as label from staff st
          where st.organization_id = ${organizationId} and st.id = ${teacher}`),
      );
    }
  }
  return { schools, terms, teachers };
}

export type ClassPerson = { id: number; firstName: string; lastName: string; active: boolean };
export type ClassTeacher = ClassPerson & { email: string; staffId: string | null; assignmentActive: boolean };
export type ClassStudent = ClassPerson & { studentId: string; enrollmentActive: boolean };

export type ClassDetail = ClassSummary & {
  active: boolean;
  teachers: ClassTeacher[];
  /** Students of the class, those in it now first; each list by last name, first name. */
  students: ClassStudent[];
  history: HistoryEntry[];
};

/** A class of this organization with its teachers, students and history; null for any other id. */
export async function getClassDetail(db: Executor, organizationId: string, id: number): Promise<ClassDetail | null> {
  const [klass] = rowsOf<Omit<ClassDetail, "teachers" | "students" | "history">>(
    await db.execute(sql`
      select ${classSummaryColumns}, c.active from classes c ${classSummaryJoins}
      where c.organization_id = ${organizationId} and c.id = ${id}`),
  );
  if (!klass) return null;
  const teachers = rowsOf<ClassTeacher>(
    await db.execute(sql`
      select st.id::float8 as id, st.first_name as "firstName", st.last_name as "lastName", st.email, st.staff_id as "staffId", st.active,
        a.active as "assignmentActive"
      from teaching_assignments a join staff st on st.id = a.staff_id and st.organization_id = a.organization_id
      where a.organization_id = ${organizationId} and a.class_id = ${id}
      order by a.active desc, lower(st.last_name) collate "C", lower(st.first_name) collate "C", st.email collate "C"`),
  );
  const students = rowsOf<ClassStudent>(
    await db.execute(sql`
      select s.id::float8 as id, s.first_name as "firstName", s.last_name as "lastName", s.student_id as "studentId", s.active,
        e.active as "enrollmentActive"
      from enrollments e join students s on s.id = e.student_id and s.organization_id = e.organization_id
      where e.organization_id = ${organizationId} and e.class_id = ${id}
      order by (e.active and s.active) desc, lower(s.last_name) collate "C", lower(s.first_name) collate "C", s.student_id collate "C"`),
  );
  const links = (table: string) =>
    sql`from ${sql.raw(table)} l where l.organization_id = ${organizationId} and l.class_id = ${id}`;
  const history = await changeHistory(db, organizationId, [
    recordChanges(sql`from classes r where r.organization_id = ${organizationId} and r.id = ${id}`),
    linkChanges(
      "teacher",
      links("teaching_assignments"),
      sql`(select st.email from staff st where st.id = l.staff_id)`,
    ),
    linkChanges("student", links("enrollments"), sql`(select s.student_id from students s where s.id = l.student_id)`),
  ]);
  return { ...klass, teachers, students, history };
}
