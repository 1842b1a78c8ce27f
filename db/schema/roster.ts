import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { imports } from "./imports";
import { organizationIdColumn } from "./columns";

// The roster: what imports produce. Natural keys follow DESIGN.md "Identity"; nothing is ever
// deleted by an import, only deactivated (`active = false`) and reactivated.

const id = () => bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity();
const provenance = () => ({
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdByImportId: uuid().references(() => imports.id, { onDelete: "set null" }),
  updatedByImportId: uuid().references(() => imports.id, { onDelete: "set null" }),
});

export const schools = pgTable(
  "schools",
  {
    id: id(),
    organizationId: organizationIdColumn(),
    /** The SIS's school id, as written. */
    schoolId: text().notNull(),
    /** Set by the admin; imports never blank it. */
    name: text(),
    ...provenance(),
  },
  (t) => [uniqueIndex("schools_org_school_id_key").on(t.organizationId, t.schoolId)],
);

export const terms = pgTable(
  "terms",
  {
    id: id(),
    organizationId: organizationIdColumn(),
    /** The term as written in the file ("2026-27 S1"). */
    name: text().notNull(),
    ...provenance(),
  },
  (t) => [uniqueIndex("terms_org_name_key").on(t.organizationId, t.name)],
);

export const classes = pgTable(
  "classes",
  {
    id: id(),
    organizationId: organizationIdColumn(),
    /** The SIS's section id. */
    classId: text().notNull(),
    name: text().notNull(),
    period: text(),
    termId: bigint({ mode: "number" })
      .notNull()
      .references(() => terms.id),
    schoolId: bigint({ mode: "number" })
      .notNull()
      .references(() => schools.id),
    ...provenance(),
  },
  (t) => [
    uniqueIndex("classes_org_class_id_key").on(t.organizationId, t.classId),
    index("classes_org_school_idx").on(t.organizationId, t.schoolId),
    index("classes_term_idx").on(t.termId),
  ],
);

export const students = pgTable(
  "students",
  {
    id: id(),
    organizationId: organizationIdColumn(),
    /** District student id: never reused; a student who leaves keeps it. */
    studentId: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    email: text(),
    grade: text(),
    ...provenance(),
  },
  (t) => [uniqueIndex("students_org_student_id_key").on(t.organizationId, t.studentId)],
);

export const staff = pgTable(
  "staff",
  {
    id: id(),
    organizationId: organizationIdColumn(),
    /** Optional SIS staff id; when present it is the identity, else the (lower-cased) email is. */
    staffId: text(),
    /** Lower-cased. One email names one staff member per organization. */
    email: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    title: text(),
    ...provenance(),
  },
  (t) => [
    uniqueIndex("staff_org_staff_id_key")
      .on(t.organizationId, t.staffId)
      .where(sql`${t.staffId} is not null`),
    uniqueIndex("staff_org_email_key").on(t.organizationId, t.email),
  ],
);

export const enrollments = pgTable(
  "enrollments",
  {
    id: id(),
    organizationId: organizationIdColumn(),
    classId: bigint({ mode: "number" })
      .notNull()
      .references(() => classes.id),
    studentId: bigint({ mode: "number" })
      .notNull()
      .references(() => students.id),
    ...provenance(),
  },
  (t) => [
    uniqueIndex("enrollments_class_student_key").on(t.classId, t.studentId),
    index("enrollments_student_idx").on(t.studentId),
  ],
);

/** Who teaches a class; a class may have several teachers (co-teachers). */
export const teachingAssignments = pgTable(
  "teaching_assignments",
  {
    id: id(),
    organizationId: organizationIdColumn(),
    classId: bigint({ mode: "number" })
      .notNull()
      .references(() => classes.id),
    staffId: bigint({ mode: "number" })
      .notNull()
      .references(() => staff.id),
    ...provenance(),
  },
  (t) => [
    uniqueIndex("teaching_assignments_class_staff_key").on(t.classId, t.staffId),
    index("teaching_assignments_staff_idx").on(t.staffId),
  ],
);

/** The school a students file names for a student (besides the schools of their classes). */
export const studentSchools = pgTable(
  "student_schools",
  {
    organizationId: organizationIdColumn(),
    studentId: bigint({ mode: "number" })
      .notNull()
      .references(() => students.id),
    schoolId: bigint({ mode: "number" })
      .notNull()
      .references(() => schools.id),
    ...provenance(),
  },
  (t) => [primaryKey({ columns: [t.studentId, t.schoolId] }), index("student_schools_school_idx").on(t.schoolId)],
);

/** The school a staff file names for a staff member (besides the schools of their classes). */
export const staffSchools = pgTable(
  "staff_schools",
  {
    organizationId: organizationIdColumn(),
    staffId: bigint({ mode: "number" })
      .notNull()
      .references(() => staff.id),
    schoolId: bigint({ mode: "number" })
      .notNull()
      .references(() => schools.id),
    ...provenance(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.schoolId] }), index("staff_schools_school_idx").on(t.schoolId)],
);
