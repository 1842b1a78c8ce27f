// The files the load test uploads: per organization, four combined files of 5,000 rows (50
// classes × 100 students, 1,000 students in two schools) that differ in ways whose order
// matters, so the final roster depends on which file was applied last.

import { createHash } from "node:crypto";
import { combinedCsv, type CombinedLine } from "@/tests/support/roster-files";

export type LoadFile = { name: string; variant: string; bytes: Uint8Array; sha256: string };

const CLASSES = 50;
const STUDENTS = 1_000;
const PER_CLASS = 100;

type Variant = {
  name: string;
  /** The class numbers in the file. */
  classes: number[];
  /** The student numbers of class `c`. */
  students: (c: number) => number[];
  lastName?: (student: number, id: string) => string | undefined;
  teacher?: (c: number, prefix: string) => string | undefined;
};

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const window = (shift: number) => (c: number) => range(0, PER_CLASS).map((j) => (c * 20 + j + shift) % STUDENTS);

export const VARIANTS: Variant[] = [
  { name: "base", classes: range(0, CLASSES), students: window(0) },
  // A tenth of the students get another last name.
  {
    name: "renamed",
    classes: range(0, CLASSES),
    students: window(0),
    lastName: (s, id) => (s % 10 === 1 ? `Last${id}-r` : undefined),
  },
  // Six classes of school B end (12 %, over the 10 % threshold: the preview is held) and six new ones start.
  { name: "reshuffled", classes: [...range(0, CLASSES - 6), ...range(CLASSES, 6)], students: window(0) },
  // Ten classes change teacher, and every class loses one student and gains another.
  {
    name: "moved",
    classes: range(0, CLASSES),
    students: window(1),
    teacher: (c, prefix) => (c < 10 ? `n${c}.${prefix}@load.test` : undefined),
  },
];

/** The organization's files, one per variant. `org` is 1-based; ids are prefixed `L<org>-`. */
export function loadFiles(org: number): LoadFile[] {
  const prefix = `L${org}`;
  return VARIANTS.map((variant) => {
    const lines: CombinedLine[] = [];
    for (const c of variant.classes) {
      for (const s of variant.students(c)) {
        const studentId = `${prefix}-S${s}`;
        lines.push({
          school: c < CLASSES / 2 ? `${prefix}-A` : `${prefix}-B`,
          classId: `${prefix}-C${c}`,
          studentId,
          last: variant.lastName?.(s, studentId),
          teacherEmail: variant.teacher?.(c, prefix.toLowerCase()) ?? `t${c}.${prefix.toLowerCase()}@load.test`,
        });
      }
    }
    const bytes = combinedCsv(lines);
    return {
      name: `load-o${org}-${variant.name}.csv`,
      variant: variant.name,
      bytes,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    };
  });
}
