import type { ImportIssue, ImportKind } from "./types";

// What validation hands to the plan: the file's entities, deduplicated and keyed by their
// natural keys (docs/domain.md "Identity"), plus everything named on rows that were rejected, so the
// plan never deactivates or ends something a row of the file names.

export type FileClass = {
  classId: string;
  name: string;
  period: string | null;
  term: string;
  schoolId: string;
  row: number;
};
export type FileStudent = {
  studentId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  grade: string | null;
  row: number;
};
/** Staff are keyed by lower-cased email inside a file; a staff id, when given, travels with it. */
export type FileStaff = {
  email: string;
  staffId: string | null;
  firstName: string;
  lastName: string;
  title: string | null;
  row: number;
};

/** Two text keys joined by a separator no cell can hold after reading. */
export const pairKey = (a: string, b: string) => `${a}\u0000${b}`;
export const splitPair = (key: string): [string, string] => {
  const at = key.indexOf("\u0000");
  return [key.slice(0, at), key.slice(at + 1)];
};

export type ValidatedFile = {
  kind: ImportKind;
  /** Data rows read (blank rows are not counted). */
  rowCount: number;
  /** Rows rejected by an error. */
  errorRows: number;
  /** Rows that repeat an earlier row exactly; each counted once. */
  duplicateRows: number;
  /** School ids on accepted rows: the scope of the snapshot. */
  schools: Set<string>;
  /**
   * School id → the school's name, for the schools whose file gives one (multi-file sets; a
   * combined, staff or students file carries ids only). A school without an entry keeps its name.
   */
  schoolNames: Map<string, string>;
  terms: Set<string>;
  classes: Map<string, FileClass>;
  students: Map<string, FileStudent>;
  /** email → staff */
  staff: Map<string, FileStaff>;
  /** staff id → the same staff as in `staff` */
  staffByStaffId: Map<string, FileStaff>;
  /** pairKey(classId, studentId) → the teacher email(s) of its rows */
  enrollments: Map<string, string | string[]>;
  /** pairKey(classId, staff email) → row */
  assignments: Map<string, number>;
  /** Students and staff files: pairKey(studentId | staff email, schoolId) → row */
  memberships: Map<string, number>;
  /** What rejected rows name; never deactivated or ended by this import. */
  protected: {
    classes: Set<string>;
    students: Set<string>;
    staffEmails: Set<string>;
    staffIds: Set<string>;
    /** pairKey(classId, studentId) */
    enrollments: Set<string>;
    /** pairKey(classId, staff email) and pairKey(classId, "#" + staffId) */
    assignments: Set<string>;
    /** pairKey(studentId | staff email | "#" + staffId, schoolId) */
    memberships: Set<string>;
  };
  issues: ImportIssue[];
  /**
   * Delta files (OneRoster `file.*=delta`): the file changes only what it lists. Nothing it does
   * not name is deactivated or ended; what it marks `tobedeleted` is (docs/import-rules.md).
   */
  delta?: DeltaRemovals;
};

export type DeltaRemovals = {
  classes: Set<string>;
  students: Set<string>;
  staffEmails: Set<string>;
  /** pairKey(classId, studentId) */
  enrollments: Set<string>;
  /** pairKey(classId, staff email) */
  assignments: Set<string>;
  /** Every class id the delta names (its rows, links and removals): the plan's snapshot. */
  classIds: Set<string>;
};

export function emptyValidatedFile(kind: ImportKind): ValidatedFile {
  return {
    kind,
    rowCount: 0,
    errorRows: 0,
    duplicateRows: 0,
    schools: new Set(),
    schoolNames: new Map(),
    terms: new Set(),
    classes: new Map(),
    students: new Map(),
    staff: new Map(),
    staffByStaffId: new Map(),
    enrollments: new Map(),
    assignments: new Map(),
    memberships: new Map(),
    protected: {
      classes: new Set(),
      students: new Set(),
      staffEmails: new Set(),
      staffIds: new Set(),
      enrollments: new Set(),
      assignments: new Set(),
      memberships: new Set(),
    },
    issues: [],
  };
}
