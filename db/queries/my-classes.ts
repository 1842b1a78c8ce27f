import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { classStudentCount, classSummaryColumns, classSummaryJoins, type ClassSummary } from "./class-summary";

// "My classes": what a signed-in teacher may see. A class is theirs while the class is active
// and they have an active teaching assignment in it; its roster is its active students in
// active enrollments. Anything else answers null (→ 404), whatever the id.

export type MyClass = ClassSummary & { students: number };

/** The teacher's active classes, by term (newest name first), then period and name. */
export async function listMyClasses(db: Executor, organizationId: string, staffId: number): Promise<MyClass[]> {
  const rows = rowsOf<MyClass>(
    await db.execute(sql`
      select ${classSummaryColumns}, ${classStudentCount} as students
      from teaching_assignments a
      join classes c on c.id = a.class_id and c.organization_id = a.organization_id and c.active
      ${classSummaryJoins}
      where a.organization_id = ${organizationId} and a.staff_id = ${staffId} and a.active`),
  );
  return rows.sort(
    (a, b) =>
      byText.compare(b.term, a.term) ||
      byText.compare(a.period ?? "\uffff", b.period ?? "\uffff") ||
      byText.compare(a.name, b.name) ||
      byText.compare(a.classId, b.classId),
  );
}

/** Numbers in text compare as numbers: period "2" before "10". */
const byText = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export type MyClassStudent = { firstName: string; lastName: string; studentId: string };

/** One of the teacher's classes and its roster; null when it is not theirs (or not active). */
export async function getMyClassRoster(
  db: Executor,
  organizationId: string,
  staffId: number,
  classId: number,
): Promise<{ class: MyClass; students: MyClassStudent[] } | null> {
  const mine = (await listMyClasses(db, organizationId, staffId)).find((c) => c.id === classId);
  if (!mine) return null;
  const students = rowsOf<MyClassStudent>(
    await db.execute(sql`
      select s.first_name as "firstName", s.last_name as "lastName", s.student_id as "studentId"
      from enrollments e join students s on s.id = e.student_id and s.organization_id = e.organization_id and s.active
      where e.organization_id = ${organizationId} and e.class_id = ${classId} and e.active
      order by lower(s.last_name) collate "C", lower(s.first_name) collate "C", s.student_id collate "C"`),
  );
  return { class: mine, students };
}
