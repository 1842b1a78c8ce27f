import { sql } from "drizzle-orm";

// What every roster view says of a class: its ids, name, period, term and school, its teachers
// and its number of students. The SQL pieces expect the class aliased `c`.

export type ClassSummary = {
  id: number;
  classId: string;
  name: string;
  period: string | null;
  term: string;
  schoolId: string;
  schoolName: string | null;
};

/** The ClassSummary columns; needs `classSummaryJoins`. */
export const classSummaryColumns = sql`c.id::float8 as id, c.class_id as "classId", c.name, c.period, t.name as term,
  sc.school_id as "schoolId", sc.name as "schoolName"`;

/** The class's term (`t`) and school (`sc`). */
export const classSummaryJoins = sql`
  join terms t on t.id = c.term_id and t.organization_id = c.organization_id
  join schools sc on sc.id = c.school_id and sc.organization_id = c.organization_id`;

/** "First Last, First Last": the class's active teachers, by last name. */
export const classTeachers = sql`(
  select string_agg(st.first_name || ' ' || st.last_name, ', ' order by lower(st.last_name) collate "C", st.email collate "C")
  from teaching_assignments a join staff st on st.id = a.staff_id and st.organization_id = a.organization_id
  where a.organization_id = c.organization_id and a.class_id = c.id and a.active)`;

/** How many active students are in the class now. */
export const classStudentCount = sql`(
  select count(*)::int from enrollments e join students s on s.id = e.student_id and s.organization_id = e.organization_id
  where e.organization_id = c.organization_id and e.class_id = c.id and e.active and s.active)`;
