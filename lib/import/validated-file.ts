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
  /** pairKey(classId, studentId) → the teacher email(s) of its rows (compact: EnrollmentLinks) */
  enrollments: EnrollmentLinks;
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
    enrollments: new EnrollmentLinks(),
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

/** teacherOf for a deleted link. */
const DELETED = -0x80000000;

/** A growable typed array with room for `need` items (its items kept). */
function withRoom<T extends Uint32Array | Int32Array>(array: T, need: number): T {
  if (need <= array.length) return array;
  const grown = new (array.constructor as new (length: number) => T)(Math.max(need, array.length * 2));
  grown.set(array);
  return grown;
}

/**
 * A file's enrollments (class id, student id → the teacher email(s) of its rows), held compactly:
 * each id is kept once (the class's and student's own strings) and a link is three 32-bit
 * numbers in typed arrays, found through an open-addressing table, instead of a Map entry and
 * a key string per link (about 110 bytes a link; ~25 now): at 5 million rows the Map was
 * ~530 MB of heap. It answers the Map's questions by pair key (pairKey) for the plan and the
 * sets' reference check; validation asks by the two ids without building a key.
 */
export class EnrollmentLinks {
  private readonly classIds: string[] = [];
  private readonly classIndex = new Map<string, number>();
  private readonly studentIds: string[] = [];
  private readonly studentIndex = new Map<string, number>();
  private readonly emails: string[] = [];
  private readonly emailIndex = new Map<string, number>();
  /** Teacher lists of links with several teachers (rare). */
  private readonly several: string[][] = [];
  private classOf = new Uint32Array(64);
  private studentOf = new Uint32Array(64);
  /** An index into `emails` (≥ 0), -(1 + an index into `several`), or DELETED. */
  private teacherOf = new Int32Array(64);
  /** Link index + 1 at each slot; 0 for an empty slot. */
  private slots = new Int32Array(128);
  private links = 0;
  private deleted = 0;

  get size(): number {
    return this.links - this.deleted;
  }

  /** The link of (class id, student id), or -1. */
  find(classId: string, studentId: string): number {
    const c = this.classIndex.get(classId);
    const s = this.studentIndex.get(studentId);
    if (c === undefined || s === undefined) return -1;
    const link = this.slots[this.slotOf(c, s)]! - 1;
    return link >= 0 && this.teacherOf[link] !== DELETED ? link : -1;
  }

  /** The link of a pair key, or -1. */
  linkOf(key: string): number {
    const [classId, studentId] = splitPair(key);
    return this.find(classId, studentId);
  }

  classIdOf(link: number): string {
    return this.classIds[this.classOf[link]!]!;
  }

  studentIdOf(link: number): string {
    return this.studentIds[this.studentOf[link]!]!;
  }

  /** The teacher email(s) of (class id, student id), or undefined when the file has no such link. */
  teachersOf(classId: string, studentId: string): string | string[] | undefined {
    const link = this.find(classId, studentId);
    if (link < 0) return undefined;
    const teacher = this.teacherOf[link]!;
    return teacher >= 0 ? this.emails[teacher] : this.several[-1 - teacher];
  }

  /** Sets (or adds) the link's teacher email(s). */
  setTeachers(classId: string, studentId: string, teachers: string | string[]): void {
    const c = intern(this.classIds, this.classIndex, classId);
    const s = intern(this.studentIds, this.studentIndex, studentId);
    let slot = this.slotOf(c, s);
    let link = this.slots[slot]! - 1;
    if (link < 0) {
      if ((this.links + 1) * 4 > this.slots.length * 3) {
        this.rehash(this.slots.length * 2);
        slot = this.slotOf(c, s);
      }
      link = this.links;
      this.links += 1;
      this.classOf = withRoom(this.classOf, this.links);
      this.studentOf = withRoom(this.studentOf, this.links);
      this.teacherOf = withRoom(this.teacherOf, this.links);
      this.classOf[link] = c;
      this.studentOf[link] = s;
      this.slots[slot] = link + 1;
    } else if (this.teacherOf[link] === DELETED) this.deleted -= 1;
    if (typeof teachers === "string") this.teacherOf[link] = intern(this.emails, this.emailIndex, teachers);
    else {
      const current = this.teacherOf[link]!;
      if (current < 0 && current !== DELETED) this.several[-1 - current] = teachers;
      else {
        this.several.push(teachers);
        this.teacherOf[link] = -this.several.length;
      }
    }
  }

  // The Map's questions, by pair key.
  get(key: string): string | string[] | undefined {
    const [classId, studentId] = splitPair(key);
    return this.teachersOf(classId, studentId);
  }

  set(key: string, teachers: string | string[]): this {
    const [classId, studentId] = splitPair(key);
    this.setTeachers(classId, studentId, teachers);
    return this;
  }

  has(key: string): boolean {
    return this.linkOf(key) >= 0;
  }

  delete(key: string): boolean {
    const link = this.linkOf(key);
    if (link < 0) return false;
    this.teacherOf[link] = DELETED;
    this.deleted += 1;
    return true;
  }

  /** The links' indices, in the order they were first set. */
  *indices(): Generator<number> {
    for (let link = 0; link < this.links; link++) if (this.teacherOf[link] !== DELETED) yield link;
  }

  /** The pair keys, in the order they were first set (each built as it is asked for). */
  *keys(): Generator<string> {
    for (const link of this.indices()) yield pairKey(this.classIdOf(link), this.studentIdOf(link));
  }

  /** The slot holding the link (c, s), or the empty slot where it would go. */
  private slotOf(c: number, s: number): number {
    const mask = this.slots.length - 1;
    let hash = Math.imul(c, 0x9e3779b1) ^ Math.imul(s ^ 0x5bd1e995, 0x85ebca6b);
    hash ^= hash >>> 15;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const link = this.slots[at]! - 1;
      if (link < 0 || (this.classOf[link] === c && this.studentOf[link] === s)) return at;
    }
  }

  private rehash(size: number) {
    this.slots = new Int32Array(size);
    for (let link = 0; link < this.links; link++)
      this.slots[this.slotOf(this.classOf[link]!, this.studentOf[link]!)] = link + 1;
  }
}

/** The index of `value` in `values` (added when new). */
function intern(values: string[], index: Map<string, number>, value: string): number {
  let at = index.get(value);
  if (at === undefined) {
    at = values.length;
    values.push(value);
    index.set(value, at);
  }
  return at;
}

/**
 * Enrollments to create, as links of the file's EnrollmentLinks (a 32-bit index each), not a
 * key string each: what the plan hands to apply, which writes them by class and student id.
 */
export class EnrollmentPairs {
  private items = new Int32Array(64);
  length = 0;

  constructor(private readonly links: EnrollmentLinks) {}

  /** Adds the file's link of this pair key. */
  push(key: string): void {
    const link = this.links.linkOf(key);
    if (link < 0) throw new Error(`EnrollmentPairs: the file has no enrollment ${JSON.stringify(key)}`);
    this.pushLink(link);
  }

  pushLink(link: number): void {
    this.items = withRoom(this.items, this.length + 1);
    this.items[this.length] = link;
    this.length += 1;
  }

  classIdAt(row: number): string {
    return this.links.classIdOf(this.items[row]!);
  }

  studentIdAt(row: number): string {
    return this.links.studentIdOf(this.items[row]!);
  }

  /** The pair keys, in order (tests, samples). */
  *keys(): Generator<string> {
    for (let row = 0; row < this.length; row++) yield pairKey(this.classIdAt(row), this.studentIdAt(row));
  }
}
