// How a preview and Import Details name what changes: people and classes by name, with their
// SIS id in brackets so two people of one name stay apart ("Zoë Smith (000417) left World
// History 4 (004731, period 6)"). Pure; the planner writes these into the import's samples.

type Person = { firstName: string; lastName: string };

/** "Zoë Smith (000417)". */
export const studentLabel = (student: Person & { studentId: string }) =>
  `${student.firstName} ${student.lastName} (${student.studentId})`;

/** "Maria Rivera <maria@district.org>". */
export const staffLabel = (person: Person & { email: string }) =>
  `${person.firstName} ${person.lastName} <${person.email}>`;

/** "World History 4 (004731, period 6)"; without a period "World History 4 (004731)". */
export function classLabel(klass: { classId: string; name: string; period?: string | null }): string {
  const period = klass.period ? `, period ${klass.period}` : "";
  return `${klass.name} (${klass.classId}${period})`;
}

/** "Lincoln High (0001)" once the school has a name, else "School 0001". */
export const schoolLabel = (schoolId: string, name?: string | null) =>
  name ? `${name} (${schoolId})` : `School ${schoolId}`;

const ENROLLMENT_VERBS = { created: "joined", reactivated: "rejoined", deactivated: "left" } as const;
const ASSIGNMENT_VERBS = {
  created: "teaches",
  reactivated: "teaches again",
  deactivated: "no longer teaches",
} as const;

/** "Zoë Smith (000417) left World History 4 (004731, period 6)". */
export const enrollmentLabel = (student: string, klass: string, change: keyof typeof ENROLLMENT_VERBS) =>
  `${student} ${ENROLLMENT_VERBS[change]} ${klass}`;

/** "Maria Rivera <maria@district.org> no longer teaches World History 4 (004731, period 6)". */
export const assignmentLabel = (person: string, klass: string, change: keyof typeof ASSIGNMENT_VERBS) =>
  `${person} ${ASSIGNMENT_VERBS[change]} ${klass}`;

const LIST_NOUNS: Record<string, string> = {
  schools: "Schools",
  terms: "Terms",
  classes: "Classes",
  students: "Students",
  staff: "Staff",
  enrollments: "Enrollments",
  assignments: "Teaching assignments",
};
type Change = "created" | "updated" | "reactivated" | "deactivated";

/** The full list's heading: "Enrollments ended", "Students added"; "… that would be ended" before Apply. */
export function changeListTitle(type: string, change: Change, pending: boolean): string {
  const noun = LIST_NOUNS[type] ?? type;
  const link = type === "enrollments" || type === "assignments";
  const verb =
    change === "created"
      ? "added"
      : change === "reactivated" && link
        ? "restored"
        : change === "deactivated" && link
          ? "ended"
          : change;
  return pending ? `${noun} that would be ${verb}` : `${noun} ${verb}`;
}
