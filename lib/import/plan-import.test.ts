import { describe, expect, it } from "vitest";
import { mapHeaders } from "./map-headers";
import { planImport } from "./plan-import";
import { emptySnapshot, type RosterSnapshot } from "@/db/queries/roster-snapshot";
import type { ImportKind } from "./types";
import { validateRows } from "./validate-rows";

// The plan is pure: a validated file and a roster snapshot in, the change out.

function fileOf(kind: ImportKind, header: string[], rows: string[][]) {
  const { map } = mapHeaders(header, kind);
  return validateRows({
    map,
    headerWidth: header.length,
    eachRow: (onRow) => rows.forEach((cells, i) => onRow(cells, i + 2)),
  });
}

const COMBINED = [
  "Term",
  "School ID",
  "Class Name",
  "Class ID",
  "Student First",
  "Student Last",
  "Student ID",
  "Teacher First",
  "Teacher Last",
  "Teacher Email",
];
const combinedRow = (school: string, classId: string, studentId: string) => [
  "T1",
  school,
  `Class ${classId}`,
  classId,
  "Ann",
  studentId,
  studentId,
  "Tom",
  "Hart",
  "tom@d.test",
];

/** School 101 (id 1) with classes C1..Cn (ids 10+i), one student S1 (id 100) in each, taught by tom (id 200). */
function roster(classes: number, extraSchool = false): RosterSnapshot {
  const snapshot = emptySnapshot();
  snapshot.schools = [
    { id: 1, schoolId: "101", active: true },
    ...(extraSchool ? [{ id: 2, schoolId: "202", active: true }] : []),
  ];
  snapshot.terms = [{ id: 5, name: "T1", active: true }];
  snapshot.students = [
    { id: 100, studentId: "S1", firstName: "Ann", lastName: "S1", email: null, grade: null, active: true },
  ];
  snapshot.staff = [
    { id: 200, staffId: null, email: "tom@d.test", firstName: "Tom", lastName: "Hart", title: null, active: true },
  ];
  for (let i = 1; i <= classes; i += 1) {
    snapshot.classes.push({
      id: 10 + i,
      classId: `C${i}`,
      name: `Class C${i}`,
      period: null,
      termId: 5,
      schoolId: 1,
      active: true,
    });
    snapshot.enrollments.push({ id: 1000 + i, classId: 10 + i, personId: 100, active: true });
    snapshot.assignments.push({ id: 2000 + i, classId: 10 + i, personId: 200, active: true });
  }
  if (extraSchool)
    snapshot.classes.push({
      id: 99,
      classId: "X1",
      name: "Class X1",
      period: null,
      termId: 5,
      schoolId: 2,
      active: true,
    });
  return snapshot;
}

describe("planImport", () => {
  it("the same content plans no change", () => {
    const file = fileOf("combined", COMBINED, [combinedRow("101", "C1", "S1"), combinedRow("101", "C2", "S1")]);
    const plan = planImport(file, roster(2), { thresholdPercent: 10 });
    expect(plan.changed).toBe(false);
    expect(plan.unchanged).toEqual({
      schools: 1,
      terms: 1,
      classes: 2,
      students: 1,
      staff: 1,
      enrollments: 2,
      assignments: 2,
    });
    expect(plan.heldReason).toBeNull();
    expect(plan.issues).toEqual([]);
  });

  it("classes of the file's schools that it leaves out are deactivated with their links; other schools are untouched", () => {
    const file = fileOf("combined", COMBINED, [combinedRow("101", "C1", "S1")]);
    const plan = planImport(file, roster(2, true), { thresholdPercent: 100 });
    expect(plan.classes.deactivate).toEqual([12]);
    expect(plan.enrollments.end).toEqual([1002]);
    expect(plan.assignments.end).toEqual([2002]);
    expect(plan.counts.classes).toEqual({ created: 0, updated: 0, reactivated: 0, deactivated: 1 });
    expect(plan.samples.classes.deactivated).toEqual(["Class C2 (Class C2)"]);
    expect(plan.issues.map((i) => i.code)).toEqual(["school_not_in_file"]);
  });

  it("holds when a type loses more than the threshold, and says which", () => {
    const file = fileOf("combined", COMBINED, [combinedRow("101", "C1", "S1")]);
    const plan = planImport(file, roster(5), { thresholdPercent: 50 });
    expect(plan.heldReason).toBe(
      "This import would deactivate 4 of 5 active classes (80 %) and end 4 of 5 active enrollments (80 %) in the schools of this file, more than the 50 % threshold. Review the change, then apply or discard it.",
    );
    const lenient = planImport(file, roster(5), { thresholdPercent: 80 });
    expect(lenient.heldReason).toBeNull();
  });

  it("an inactive record named again is reactivated (counted once, not as updated)", () => {
    const snapshot = roster(1);
    snapshot.classes[0]!.active = false;
    snapshot.enrollments[0]!.active = false;
    snapshot.students[0]!.active = false;
    const file = fileOf("combined", COMBINED, [combinedRow("101", "C1", "S1")]);
    const plan = planImport(file, snapshot, { thresholdPercent: 10 });
    expect(plan.counts.classes).toEqual({ created: 0, updated: 0, reactivated: 1, deactivated: 0 });
    expect(plan.counts.students).toEqual({ created: 0, updated: 0, reactivated: 1, deactivated: 0 });
    expect(plan.enrollments.reactivate).toEqual([1001]);
  });
});
