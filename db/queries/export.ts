import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { staff } from "@/db/schema/roster";
import { inBatches, type OnBatch } from "./in-batches";
import { invitationStatusSql, type InvitationStatus } from "./staff";

// Read-only roster exports, one function per entity. Each streams the organization's records in
// batches through a server-side cursor (one sort, bounded memory) and hands every batch to
// `onBatch`. Records are sorted by their natural key in byte order (collation "C"), so the order
// is the same on every server; keys are the SIS ids as written, never internal ids.

export type ExportOptions = {
  /** Include inactive records too (default: active records only). */
  all?: boolean;
  /** Rows per batch (default 50,000). */
  batchSize?: number;
};
export type { OnBatch } from "./in-batches";

export type SchoolRecord = { schoolId: string; name: string | null; active: boolean };
export type TermRecord = { name: string; active: boolean };
export type ClassRecord = {
  classId: string;
  name: string;
  period: string | null;
  term: string;
  schoolId: string;
  active: boolean;
};
export type StudentRecord = {
  studentId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  grade: string | null;
  active: boolean;
};
export type StaffRecord = {
  staffId: string | null;
  email: string;
  firstName: string;
  lastName: string;
  active: boolean;
  invitationStatus: InvitationStatus;
};
export type EnrollmentRecord = { classId: string; studentId: string; active: boolean };
export type AssignmentRecord = { classId: string; staffId: string | null; staffEmail: string; active: boolean };

/** Each entity's fields, in output order (the JSON keys and the CSV header). */
export const exportFields = {
  schools: ["schoolId", "name", "active"],
  terms: ["name", "active"],
  classes: ["classId", "name", "period", "term", "schoolId", "active"],
  students: ["studentId", "firstName", "lastName", "email", "grade", "active"],
  staff: ["staffId", "email", "firstName", "lastName", "active", "invitationStatus"],
  enrollments: ["classId", "studentId", "active"],
  assignments: ["classId", "staffId", "staffEmail", "active"],
} as const;
export type ExportEntity = keyof typeof exportFields;
export const exportEntities = Object.keys(exportFields) as ExportEntity[];

/** `and <alias>.active` unless every record is wanted. */
const activeOnly = (alias: string, options: ExportOptions) => (options.all ? sql`` : sql`and ${sql.raw(alias)}.active`);

export function exportSchools(
  db: Executor,
  organizationId: string,
  options: ExportOptions,
  onBatch: OnBatch<SchoolRecord>,
) {
  return inBatches(
    db,
    sql`select s.school_id as "schoolId", s.name, s.active
        from schools s
        where s.organization_id = ${organizationId} ${activeOnly("s", options)}
        order by s.school_id collate "C"`,
    options,
    onBatch,
  );
}

export function exportTerms(
  db: Executor,
  organizationId: string,
  options: ExportOptions,
  onBatch: OnBatch<TermRecord>,
) {
  return inBatches(
    db,
    sql`select t.name, t.active
        from terms t
        where t.organization_id = ${organizationId} ${activeOnly("t", options)}
        order by t.name collate "C"`,
    options,
    onBatch,
  );
}

export function exportClasses(
  db: Executor,
  organizationId: string,
  options: ExportOptions,
  onBatch: OnBatch<ClassRecord>,
) {
  return inBatches(
    db,
    sql`select c.class_id as "classId", c.name, c.period, t.name as term, sc.school_id as "schoolId", c.active
        from classes c
        join terms t on t.id = c.term_id and t.organization_id = c.organization_id
        join schools sc on sc.id = c.school_id and sc.organization_id = c.organization_id
        where c.organization_id = ${organizationId} ${activeOnly("c", options)}
        order by c.class_id collate "C"`,
    options,
    onBatch,
  );
}

export function exportStudents(
  db: Executor,
  organizationId: string,
  options: ExportOptions,
  onBatch: OnBatch<StudentRecord>,
) {
  return inBatches(
    db,
    sql`select s.student_id as "studentId", s.first_name as "firstName", s.last_name as "lastName", s.email, s.grade, s.active
        from students s
        where s.organization_id = ${organizationId} ${activeOnly("s", options)}
        order by s.student_id collate "C"`,
    options,
    onBatch,
  );
}

/** Staff sorted by email: it is always present and unique, while the SIS staff id is optional. */
export function exportStaff(
  db: Executor,
  organizationId: string,
  options: ExportOptions,
  onBatch: OnBatch<StaffRecord>,
) {
  return inBatches(
    db,
    sql`select staff.staff_id as "staffId", staff.email, staff.first_name as "firstName", staff.last_name as "lastName",
          staff.active, ${invitationStatusSql(staff)} as "invitationStatus"
        from staff
        where staff.organization_id = ${organizationId} ${activeOnly("staff", options)}
        order by staff.email collate "C"`,
    options,
    onBatch,
  );
}

export function exportEnrollments(
  db: Executor,
  organizationId: string,
  options: ExportOptions,
  onBatch: OnBatch<EnrollmentRecord>,
) {
  return inBatches(
    db,
    sql`select c.class_id as "classId", s.student_id as "studentId", e.active
        from enrollments e
        join classes c on c.id = e.class_id and c.organization_id = e.organization_id
        join students s on s.id = e.student_id and s.organization_id = e.organization_id
        where e.organization_id = ${organizationId} ${activeOnly("e", options)}
        order by c.class_id collate "C", s.student_id collate "C"`,
    options,
    onBatch,
  );
}

/** Teaching assignments, by class id then staff email (the staff id is optional). */
export function exportAssignments(
  db: Executor,
  organizationId: string,
  options: ExportOptions,
  onBatch: OnBatch<AssignmentRecord>,
) {
  return inBatches(
    db,
    sql`select c.class_id as "classId", st.staff_id as "staffId", st.email as "staffEmail", a.active
        from teaching_assignments a
        join classes c on c.id = a.class_id and c.organization_id = a.organization_id
        join staff st on st.id = a.staff_id and st.organization_id = a.organization_id
        where a.organization_id = ${organizationId} ${activeOnly("a", options)}
        order by c.class_id collate "C", st.email collate "C"`,
    options,
    onBatch,
  );
}
