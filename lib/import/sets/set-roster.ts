import type { ImportIssue, SetKind } from "../types";

// What each format reader (oneroster, clever, sds) hands to check-references: the set's
// schools, classes, people and links in our terms, each with the file, row and columns it came
// from, so a reference problem names them. Ids are already chosen (docs/import-rules.md).

export type SetRef = { file: string; row: number };

export type SetClass = {
  /** The class id (OneRoster/SDS v2.1 sourcedId, Clever Section_id, SDS v1 SIS ID). */
  classId: string;
  name: string;
  period: string | null;
  term: string;
  schoolRef: string;
  ref: SetRef;
  /** Header of the school reference column (for an unknown-school issue). */
  schoolColumn: string;
};

export type SetPerson = {
  /** The key links use inside the set (OneRoster sourcedId, Clever Student_id, …). */
  ref: string;
  role: "student" | "teacher";
  /** Students: the student id. Teachers: the key inside the set (identifier or sourcedId). */
  id: string;
  /** Teachers: the staff id (null when the format gives none, e.g. a blank OneRoster identifier). */
  staffId: string | null;
  firstName: string;
  lastName: string;
  /** Teachers: always an email (a teacher without one is an issue, not a person). */
  email: string | null;
  grade: string | null;
  at: SetRef;
};

export type SetLink = {
  classRef: string;
  personRef: string;
  /** The person as the file names them (personRef may carry a namespace). */
  personLabel?: string;
  role: "student" | "teacher";
  at: SetRef;
  classColumn: string;
  personColumn: string;
};

export type SetRoster = {
  kind: SetKind;
  /** e.g. "OneRoster 1.1", "SDS v1": shown in messages and docs. */
  format: string;
  /** Delta files change only what they list (docs/import-rules.md "Delta files"). */
  delta: boolean;
  rowCount: number;
  /**
   * School ids of the set (its snapshot scope), by the key the files use for them, with the
   * school's name when the file gives one (null when blank or the file has no name column).
   */
  schools: Map<string, { schoolId: string; name: string | null; at: SetRef }>;
  classes: Map<string, SetClass>;
  people: Map<string, SetPerson>;
  /** role + id → person: one id is one person. */
  peopleById: Map<string, SetPerson>;
  links: SetLink[];
  /** Delta: what `tobedeleted` rows remove, by set keys. */
  removed: {
    classes: Set<string>;
    people: Set<string>;
    links: Array<{ classRef: string; personRef: string; role: "student" | "teacher"; at: SetRef }>;
  };
  /** Delta: the people of tobedeleted rows, by set key. */
  removedPeople: Map<string, { role: "student" | "teacher"; id: string; email: string | null }>;
  /** Keys named by rows that were rejected: never deactivated or ended by this import. */
  rejected: {
    classes: Set<string>;
    people: Map<string, { role: "student" | "teacher"; id: string; email: string | null }>;
    schools: Set<string>;
  };
  issues: ImportIssue[];
  errorRows: number;
  /** Rows that repeat an earlier one (same key); counted once. */
  duplicates: number;
};

export function emptySetRoster(kind: SetKind, format: string, delta = false): SetRoster {
  return {
    kind,
    format,
    delta,
    rowCount: 0,
    schools: new Map(),
    classes: new Map(),
    people: new Map(),
    peopleById: new Map(),
    links: [],
    removed: { classes: new Set(), people: new Set(), links: [] },
    removedPeople: new Map(),
    rejected: { classes: new Set(), people: new Map(), schools: new Set() },
    issues: [],
    errorRows: 0,
    duplicates: 0,
  };
}

/** Records a rejected row's issue. */
export function rejectRow(roster: SetRoster, issue: ImportIssue) {
  roster.errorRows += 1;
  roster.issues.push(issue);
}
