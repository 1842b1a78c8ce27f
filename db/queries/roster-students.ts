import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { changeHistory, linkChanges, recordChanges, type HistoryEntry } from "./change-history";
import { classSummaryColumns, classSummaryJoins, classTeachers, type ClassSummary } from "./class-summary";
import type { StudentRecord } from "./export";
import {
  rosterList,
  searchCondition,
  searchFence,
  statusCondition,
  type ListQuery,
  type RosterStatus,
} from "./roster-list";

// The admin's Students tab and student page. Search: the start of the last name, first name or
// student id (see searchCondition). Order: last name, first name (case-insensitive), student id.

export type StudentFilters = { q: string; status: RosterStatus };

export type StudentListRow = StudentRecord & { id: number };

function studentListQuery(organizationId: string, filters: StudentFilters): ListQuery {
  return {
    select: sql`s.id::float8 as id, s.student_id as "studentId", s.first_name as "firstName", s.last_name as "lastName", s.grade, s.email, s.active`,
    from: sql`(select * from students s
      where s.organization_id = ${organizationId}
      ${statusCondition(sql`s.active`, filters.status)}
      ${searchCondition(filters.q, sql`s.search_words`)}
      ${searchFence(filters.q)}) s`,
    orderBy: sql`lower(s.last_name) collate "C", lower(s.first_name) collate "C", s.student_id collate "C"`,
  };
}

const studentList = rosterList<StudentFilters, StudentListRow>(studentListQuery);
export const listStudents = studentList.page;
/** Every student the filters match (no paging), in list order, in batches: the CSV download. */
export const exportStudentList = studentList.exportAll;

export type StudentClass = ClassSummary & {
  teachers: string | null;
  /** The student is in the class now: the enrollment and the class are both active. */
  current: boolean;
  since: Date;
  /** When the enrollment or the class ended (null while current). */
  endedAt: Date | null;
};

export type StudentDetail = StudentListRow & {
  classes: StudentClass[];
  history: HistoryEntry[];
};

/** A student of this organization with their classes and history; null for any other id. */
export async function getStudentDetail(
  db: Executor,
  organizationId: string,
  id: number,
): Promise<StudentDetail | null> {
  const [student] = rowsOf<Omit<StudentDetail, "classes" | "history">>(
    await db.execute(sql`
      select s.id::float8 as id, s.student_id as "studentId", s.first_name as "firstName", s.last_name as "lastName", s.email, s.grade, s.active
      from students s where s.organization_id = ${organizationId} and s.id = ${id}`),
  );
  if (!student) return null;
  const classes = rowsOf<StudentClass & { since: Date | string; endedAt: Date | string | null }>(
    await db.execute(sql`
      select ${classSummaryColumns}, ${classTeachers} as teachers,
        (e.active and c.active) as current, e.created_at as since,
        case when not (e.active and c.active) then greatest(case when not e.active then e.updated_at end, case when not c.active then c.updated_at end) end as "endedAt"
      from enrollments e
      join classes c on c.id = e.class_id and c.organization_id = e.organization_id
      ${classSummaryJoins}
      where e.organization_id = ${organizationId} and e.student_id = ${id}
      order by (e.active and c.active) desc, t.name collate "C" desc, lower(c.name) collate "C", c.class_id collate "C"`),
  ).map((row) => ({ ...row, since: new Date(row.since), endedAt: row.endedAt ? new Date(row.endedAt) : null }));
  const history = await changeHistory(db, organizationId, [
    recordChanges(sql`from students r where r.organization_id = ${organizationId} and r.id = ${id}`),
    linkChanges(
      "class",
      sql`from enrollments l join classes c on c.id = l.class_id and c.organization_id = l.organization_id
          where l.organization_id = ${organizationId} and l.student_id = ${id}`,
      sql`c.class_id`,
    ),
  ]);
  return { ...student, classes, history };
}
