// The organization's current roster, as the plan needs it (loaded by db/queries/roster-snapshot.ts).
// Ids are database ids; `schoolId`/`termId` on a class are database ids too.

export type SnapshotSchool = { id: number; schoolId: string; active: boolean };
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
