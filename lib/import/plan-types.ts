import type { ImportIssue, ImportKind } from "./types";
import type { EnrollmentPairs, FileClass, FileStaff, FileStudent } from "./validated-file";

export const ENTITY_TYPES = ["schools", "terms", "classes", "students", "staff", "enrollments", "assignments"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export const CHANGE_TYPES = ["created", "updated", "reactivated", "deactivated"] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** Per entity type: how many were created / updated / reactivated / deactivated (ended, for links). */
export type ImportCounts = Record<EntityType, Record<ChangeType, number>>;
/** Per entity type and change: a few examples, written for an admin ("Class C-101 Algebra I"). */
export type ImportSamples = Record<EntityType, Record<ChangeType, string[]>>;

export type StudentUpdate = {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  grade: string | null;
};
export type StaffUpdate = {
  id: number;
  staffId: string | null;
  email: string;
  firstName: string;
  lastName: string;
  title: string | null;
};
export type SchoolUpdate = { id: number; name: string };
export type ClassUpdate = { id: number; name: string; period: string | null; term: string; schoolId: string };

/**
 * What an import will change, computed from the file and the current roster (no database).
 * Everything is keyed so apply can run one set-based statement per list. Creates carry SIS
 * keys (resolved to database ids by joins in apply); updates, reactivations and deactivations
 * carry database ids. An update sets every field and `active = true` (it may be a reactivation).
 */
export type ImportPlan = {
  kind: ImportKind;
  counts: ImportCounts;
  /** Per entity type: records the file names that are already exactly as the file says. */
  unchanged: Record<EntityType, number>;
  samples: ImportSamples;
  /** Set when the change exceeds the organization's threshold: the import is held. */
  heldReason: string | null;
  /** Issues found against the roster (warnings, and staff that could not be matched). */
  issues: ImportIssue[];
  /** False when applying would change nothing. */
  changed: boolean;
  /**
   * `create`: school ids, with the file's name (null: none given). `update`: a school whose file
   * gives another name (it is set active too); `reactivate`: one whose name stays.
   */
  schools: {
    create: Array<{ schoolId: string; name: string | null }>;
    update: SchoolUpdate[];
    reactivate: number[];
  };
  terms: { create: string[]; reactivate: number[] };
  students: { create: FileStudent[]; update: StudentUpdate[]; deactivate: number[] };
  staff: { create: FileStaff[]; update: StaffUpdate[]; deactivate: number[] };
  classes: { create: FileClass[]; update: ClassUpdate[]; deactivate: number[] };
  /** `create`: pairKey(class id, student id) of each new enrollment (validated-file.ts). */
  /** `create`: the file's links (EnrollmentPairs), not a key string each. */
  enrollments: { create: EnrollmentPairs; reactivate: number[]; end: number[] };
  /** `email` is the staff member's email once the plan's staff changes are applied. */
  assignments: { create: Array<{ classId: string; email: string }>; reactivate: number[]; end: number[] };
  /**
   * Staff and students files: school links. `person` is the student id or the staff email (as
   * it will be after the plan's staff changes).
   */
  memberships: {
    create: Array<{ person: string; schoolId: string }>;
    reactivate: Array<{ personId: number; schoolId: number }>;
    end: Array<{ personId: number; schoolId: number }>;
  };
};

export const SAMPLE_SIZE = 5;

export function emptyCounts(): ImportCounts {
  return Object.fromEntries(
    ENTITY_TYPES.map((type) => [type, { created: 0, updated: 0, reactivated: 0, deactivated: 0 }]),
  ) as ImportCounts;
}

export function emptyUnchanged(): Record<EntityType, number> {
  return Object.fromEntries(ENTITY_TYPES.map((type) => [type, 0])) as Record<EntityType, number>;
}

export function emptySamples(): ImportSamples {
  return Object.fromEntries(
    ENTITY_TYPES.map((type) => [type, { created: [], updated: [], reactivated: [], deactivated: [] }]),
  ) as unknown as ImportSamples;
}
