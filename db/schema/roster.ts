import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { searchWordsSql } from "../search-words";
import { organizationIdColumn } from "./columns";

// The roster: what imports produce. Natural keys follow docs/domain.md "Identity"; nothing is ever
// deleted by an import, only deactivated (`active = false`) and reactivated.
//
// The `*_browse_idx` indexes serve the admin roster lists' order (case-insensitive names, ties by
// id in byte order); the `search_words` columns and their `*_search_idx` GIN indexes serve the
// search (accents and case ignored, the start of any word: db/search-words.ts).
// docs/performance.md "Roster pages" has the EXPLAIN summary.

/** `lower(column) collate "C"`, the expression the roster search and order use. */
const folded = (column: AnyPgColumn) => sql`lower(${column}) collate "C"`;
/** `column collate "C"`: byte order, the same on every server. */
const bytewise = (column: AnyPgColumn) => sql`${column} collate "C"`;

/** A full-text vector; here only the generated `search_words` columns. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** `search_words`: the record's folded words (db/search-words.ts), kept by the database. */
const searchWords = (fields: Parameters<typeof searchWordsSql>[0]) =>
  tsvector().generatedAlwaysAs(searchWordsSql(fields));

/**
 * A person table's browse and search indexes: list order (last, first, then `key`) for active
 * and (partial) inactive records, and the search.
 */
function personIndexes(
  table: string,
  t: {
    organizationId: AnyPgColumn;
    lastName: AnyPgColumn;
    firstName: AnyPgColumn;
    active: AnyPgColumn;
    searchWords: AnyPgColumn;
  },
  key: AnyPgColumn,
) {
  const order = [t.organizationId, folded(t.lastName), folded(t.firstName), bytewise(key)] as const;
  return [
    index(`${table}_browse_idx`).on(...order),
    index(`${table}_inactive_browse_idx`)
      .on(...order)
      .where(sql`not ${t.active}`),
    index(`${table}_search_idx`).using("gin", t.searchWords),
  ];
}

const id = () => bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity();
const provenance = () => ({
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  // Provenance without a foreign key to imports (no per-row check on every import's writes):
  // an id may name an import that retention pruned; readers join imports, so it reads as none.
  createdByImportId: uuid(),
  updatedByImportId: uuid(),
});

export const schools = pgTable(
  "schools",
  {
    id: id(),
    organizationId: organizationIdColumn(),
    /** The SIS's school id, as written. */
    schoolId: text().notNull(),
    /** From a roster set (OneRoster, Clever, SDS) or the admin; imports never blank it. */
    name: text(),
    searchWords: searchWords({ names: ["name"], whole: ["school_id"] }),
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
    searchWords: searchWords({ names: ["name"], whole: ["class_id"] }),
    ...provenance(),
  },
  (t) => [
    uniqueIndex("classes_org_class_id_key").on(t.organizationId, t.classId),
    uniqueIndex("classes_org_id_key").on(t.organizationId, t.id),
    index("classes_org_school_idx").on(t.organizationId, t.schoolId),
    index("classes_term_idx").on(t.termId),
    index("classes_browse_idx").on(t.organizationId, folded(t.name), bytewise(t.classId)),
    index("classes_search_idx").using("gin", t.searchWords),
    index("classes_inactive_browse_idx")
      .on(t.organizationId, folded(t.name), bytewise(t.classId))
      .where(sql`not ${t.active}`),
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
    searchWords: searchWords({ names: ["first_name", "last_name"], whole: ["student_id"] }),
    ...provenance(),
  },
  (t) => [
    uniqueIndex("students_org_student_id_key").on(t.organizationId, t.studentId),
    uniqueIndex("students_org_id_key").on(t.organizationId, t.id),
    ...personIndexes("students", t, t.studentId),
  ],
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
    searchWords: searchWords({ names: ["first_name", "last_name"], whole: ["email"] }),
    ...provenance(),
  },
  (t) => [
    uniqueIndex("staff_org_staff_id_key")
      .on(t.organizationId, t.staffId)
      .where(sql`${t.staffId} is not null`),
    uniqueIndex("staff_org_email_key").on(t.organizationId, t.email),
    uniqueIndex("staff_org_id_key").on(t.organizationId, t.id),
    ...personIndexes("staff", t, t.email),
  ],
);

/**
 * The link tables (enrollments, teaching assignments) are the largest and every first import writes
 * them by the hundred thousand, so their references are not foreign keys (a check per row) but
 * statement-level triggers of migration `0015_link_statement_checks`, named as the keys were
 * (`enrollments_class_fk`, `enrollments_student_fk`, `teaching_assignments_class_fk`,
 * `teaching_assignments_staff_fk`): after each insert, one anti-join of the new rows against the
 * parent `(organization_id, id)` (so a link names its own organization's class and person) refuses
 * the statement with SQLSTATE 23503; a changed key is checked row by row; deleting a class, student
 * or staff member deletes its links (as `on delete cascade` did), and a parent's key cannot change
 * while a link names it. docs/decisions.md "Link integrity" has the rule, docs/performance.md
 * "Foreign keys, measured one by one" the measurements.
 */
export const enrollments = pgTable(
  "enrollments",
  {
    id: id(),
    organizationId: uuid().notNull(),
    classId: bigint({ mode: "number" }).notNull(),
    studentId: bigint({ mode: "number" }).notNull(),
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
    organizationId: uuid().notNull(),
    classId: bigint({ mode: "number" }).notNull(),
    staffId: bigint({ mode: "number" }).notNull(),
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

/**
 * A cache of each school's counts on the Schools tab: active classes, distinct active students
 * (of its active classes and its students-file links) and distinct active staff (teaching its
 * active classes, or linked by a staff file). Recounted for the whole organization by
 * db/queries/roster-schools.ts when `roster_version` (a stamp of the organization's applied
 * imports) is not the current one; writes outside an import (forget a person, an admin's
 * deactivation) delete the organization's rows.
 */
export const schoolCounts = pgTable(
  "school_counts",
  {
    organizationId: organizationIdColumn(),
    schoolId: bigint({ mode: "number" })
      .primaryKey()
      .references(() => schools.id, { onDelete: "cascade" }),
    classes: integer().notNull(),
    students: integer().notNull(),
    staff: integer().notNull(),
    rosterVersion: text().notNull(),
  },
  (t) => [index("school_counts_org_idx").on(t.organizationId)],
);
