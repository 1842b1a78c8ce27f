import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { rowsOf } from "@/db/client";
import { classes, schools, staff, students, terms } from "@/db/schema/roster";
import type { AnyImportKind as ImportKind } from "@/db/schema/imports";

// The organization's current roster, as the import's plan (lib/import/plan-import.ts) needs it.
// Ids are database ids; `schoolId`/`termId` on a class are database ids too.
/** `name` is the admin's (or a file's) name for the school, when it has one. */
export type SnapshotSchool = { id: number; schoolId: string; name?: string | null; active: boolean };
export type SnapshotTerm = { id: number; name: string; active: boolean };
export type SnapshotClass = {
  id: number;
  classId: string;
  name: string;
  period: string | null;
  termId: number;
  schoolId: number;
  active: boolean;
};
export type SnapshotStudent = {
  id: number;
  studentId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  grade: string | null;
  active: boolean;
};
export type SnapshotStaff = {
  id: number;
  staffId: string | null;
  email: string;
  firstName: string;
  lastName: string;
  title: string | null;
  active: boolean;
};
/** An enrollment or a teaching assignment: `personId` is the student's or the staff member's id. */
export type SnapshotLink = { id: number; classId: number; personId: number; active: boolean };
/** A student_schools / staff_schools row. */
export type SnapshotMembership = { personId: number; schoolId: number; active: boolean };
/** A school a person has classes in: `current` when one of those links and its class are active. */
export type SnapshotPersonSchool = { personId: number; schoolId: number; current: boolean };

export type RosterSnapshot = {
  schools: SnapshotSchool[];
  terms: SnapshotTerm[];
  /** Every class of the organization. */
  classes: SnapshotClass[];
  /** Every student of the organization (combined and students files). */
  students: SnapshotStudent[];
  /** Every staff member of the organization. */
  staff: SnapshotStaff[];
  /** Combined files: the enrollments of the classes in the file or in its schools. */
  enrollments: SnapshotLink[];
  /** Combined files: the teaching assignments of the classes in the file or in its schools. */
  assignments: SnapshotLink[];
  /** Staff and students files: the person's school links. */
  memberships: SnapshotMembership[];
  /**
   * Staff and students files: (person, school) for every active class the person is enrolled in
   * or teaches — the other way a person belongs to a school.
   */
  classSchools: Array<{ personId: number; schoolId: number }>;
  /**
   * Combined files: the schools of every student's and staff member's classes in the
   * organization (enrollments / teaching assignments, ended ones too), to tell who departed.
   */
  studentSchools: SnapshotPersonSchool[];
  staffSchools: SnapshotPersonSchool[];
  /**
   * Combined files: people a staff or students file lists at a school (an active school link).
   * They are governed by those files; a combined file never deactivates them.
   */
  listedStudents: number[];
  listedStaff: number[];
};

export const emptySnapshot = (): RosterSnapshot => ({
  schools: [],
  terms: [],
  classes: [],
  students: [],
  staff: [],
  enrollments: [],
  assignments: [],
  memberships: [],
  classSchools: [],
  studentSchools: [],
  staffSchools: [],
  listedStudents: [],
  listedStaff: [],
});

// Reads what the plan compares a file with. Only what the file's kind needs: combined files
// read the links of the classes in the file or in its schools, the schools of every person's
// classes and who a staff or students file lists; staff and students files read the people's
// school links and the schools of their active classes.

export async function loadRosterSnapshot(
  db: Executor,
  organizationId: string,
  input: { kind: ImportKind; schoolIds: string[]; classIds: string[] },
): Promise<RosterSnapshot> {
  // All statements are sent at once: on one connection (a transaction) postgres.js pipelines
  // them, so the server runs the next while this process reads the rows of the one before.
  const snapshot = emptySnapshot();
  const reads: Array<Promise<void>> = [];
  const read = <T>(query: PromiseLike<T>, keep: (rows: T) => void) => {
    reads.push(Promise.resolve(query).then(keep));
  };
  read(
    db
      .select({ id: schools.id, schoolId: schools.schoolId, name: schools.name, active: schools.active })
      .from(schools)
      .where(eq(schools.organizationId, organizationId)),
    (rows) => (snapshot.schools = rows),
  );
  read(
    db
      .select({ id: terms.id, name: terms.name, active: terms.active })
      .from(terms)
      .where(eq(terms.organizationId, organizationId)),
    (rows) => (snapshot.terms = rows),
  );
  read(
    db
      .select({
        id: classes.id,
        classId: classes.classId,
        name: classes.name,
        period: classes.period,
        termId: classes.termId,
        schoolId: classes.schoolId,
        active: classes.active,
      })
      .from(classes)
      .where(eq(classes.organizationId, organizationId)),
    (rows) => (snapshot.classes = rows),
  );

  if (input.kind !== "staff") {
    read(
      db
        .select({
          id: students.id,
          studentId: students.studentId,
          firstName: students.firstName,
          lastName: students.lastName,
          email: students.email,
          grade: students.grade,
          active: students.active,
        })
        .from(students)
        .where(eq(students.organizationId, organizationId)),
      (rows) => (snapshot.students = rows),
    );
  }
  if (input.kind !== "students") {
    read(
      db
        .select({
          id: staff.id,
          staffId: staff.staffId,
          email: staff.email,
          firstName: staff.firstName,
          lastName: staff.lastName,
          title: staff.title,
          active: staff.active,
        })
        .from(staff)
        .where(and(eq(staff.organizationId, organizationId))),
      (rows) => (snapshot.staff = rows),
    );
  }

  if (input.kind === "combined") {
    const inScope = sql`c.organization_id = ${organizationId} and (c.class_id = any(${sql.param(input.classIds)}::text[])
      or c.school_id in (select id from schools where organization_id = ${organizationId} and school_id = any(${sql.param(input.schoolIds)}::text[])))`;
    // float8: both drivers answer bigint as text, and a million of those strings cost memory.
    read(
      db.execute(sql`select l.id::float8 as "id", l.class_id::float8 as "classId", l.student_id::float8 as "personId", l.active
        from enrollments l join classes c on c.id = l.class_id
        where l.organization_id = ${organizationId} and ${inScope}`),
      (result) => (snapshot.enrollments = rowsOf<SnapshotLink>(result)),
    );
    read(
      db.execute(sql`select l.id::float8 as "id", l.class_id::float8 as "classId", l.staff_id::float8 as "personId", l.active
        from teaching_assignments l join classes c on c.id = l.class_id
        where l.organization_id = ${organizationId} and ${inScope}`),
      (result) => (snapshot.assignments = rowsOf<SnapshotLink>(result)),
    );
    const personSchools = (links: SQL, person: SQL) =>
      db.execute(sql`select l.${person}::float8 as "personId", c.school_id::float8 as "schoolId",
          bool_or(l.active and c.active) as "current"
        from ${links} l join classes c on c.id = l.class_id
        where l.organization_id = ${organizationId} and c.organization_id = ${organizationId}
        group by l.${person}, c.school_id`);
    read(
      personSchools(sql.raw("enrollments"), sql.raw("student_id")),
      (result) => (snapshot.studentSchools = rowsOf<SnapshotPersonSchool>(result)),
    );
    read(
      personSchools(sql.raw("teaching_assignments"), sql.raw("staff_id")),
      (result) => (snapshot.staffSchools = rowsOf<SnapshotPersonSchool>(result)),
    );
    const listed = (memberships: SQL, person: SQL) =>
      db.execute(sql`select distinct ${person}::float8 as "personId" from ${memberships}
          where organization_id = ${organizationId} and active`);
    const personIds = (result: unknown) => rowsOf<{ personId: number }>(result).map((row) => Number(row.personId));
    read(
      listed(sql.raw("student_schools"), sql.raw("student_id")),
      (result) => (snapshot.listedStudents = personIds(result)),
    );
    read(listed(sql.raw("staff_schools"), sql.raw("staff_id")), (result) => (snapshot.listedStaff = personIds(result)));
    await Promise.all(reads);
    return snapshot;
  }

  const [membershipTable, linkTable, personColumn] =
    input.kind === "students"
      ? [sql.raw("student_schools"), sql.raw("enrollments"), sql.raw("student_id")]
      : [sql.raw("staff_schools"), sql.raw("teaching_assignments"), sql.raw("staff_id")];
  read(
    db.execute(
      sql`select ${personColumn} as person_id, school_id, active from ${membershipTable} where organization_id = ${organizationId}`,
    ),
    (result) =>
      (snapshot.memberships = rowsOf<{ person_id: string | number; school_id: string | number; active: boolean }>(
        result,
      ).map((row) => ({ personId: Number(row.person_id), schoolId: Number(row.school_id), active: row.active }))),
  );
  read(
    db.execute(sql`select distinct l.${personColumn} as person_id, c.school_id
      from ${linkTable} l join classes c on c.id = l.class_id
      where l.organization_id = ${organizationId} and c.organization_id = ${organizationId} and l.active and c.active`),
    (result) =>
      (snapshot.classSchools = rowsOf<{ person_id: string | number; school_id: string | number }>(result).map(
        (row) => ({ personId: Number(row.person_id), schoolId: Number(row.school_id) }),
      )),
  );
  await Promise.all(reads);
  return snapshot;
}
