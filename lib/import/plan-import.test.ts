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
    expect(plan.samples.classes.deactivated).toEqual(["Class C2 (C2)"]);
    expect(plan.issues.map((i) => i.code)).toEqual(["school_not_in_file"]);
  });

  it("samples name people and classes: who joined or left which class, and the school's name", () => {
    const snapshot = roster(2, true);
    snapshot.schools[0] = { id: 1, schoolId: "101", name: "Lincoln High", active: false };
    snapshot.schools[1] = { id: 2, schoolId: "202", name: "Adams Middle", active: true };
    snapshot.classes[1] = { ...snapshot.classes[1]!, name: "World History 4", period: "6" };
    const file = fileOf("combined", COMBINED, [combinedRow("101", "C1", "S1"), combinedRow("101", "C1", "S7")]);
    const plan = planImport(file, snapshot, { thresholdPercent: 100 });
    expect(plan.samples.schools.reactivated).toEqual(["Lincoln High (101)"]);
    expect(plan.issues[0]?.message).toContain("left as it is: Adams Middle (202, 1 active class).");
    expect(plan.samples.enrollments.created).toEqual(["Ann S7 (S7) joined Class C1 (C1)"]);
    expect(plan.samples.enrollments.deactivated).toEqual(["Ann S1 (S1) left World History 4 (C2, period 6)"]);
    expect(plan.samples.assignments.deactivated).toEqual([
      "Tom Hart <tom@d.test> no longer teaches World History 4 (C2, period 6)",
    ]);
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

describe("planImport: people who left a combined file", () => {
  /**
   * School 101 (id 1) with class C1 (id 11); school 202 (id 2) with class X1 (id 21). Students
   * S1..Sn (ids 100+i) in C1, taught by tom (id 200); ann (id 201) teaches X1.
   */
  function departures(students: number): RosterSnapshot {
    const snapshot = roster(1, true);
    snapshot.classes = snapshot.classes.map((c) => (c.classId === "X1" ? { ...c, id: 21 } : c));
    snapshot.students = [];
    snapshot.enrollments = [];
    for (let i = 1; i <= students; i += 1) {
      const id = 100 + i;
      snapshot.students.push({
        id,
        studentId: `S${i}`,
        firstName: "Ann",
        lastName: `S${i}`,
        email: null,
        grade: null,
        active: true,
      });
      snapshot.enrollments.push({ id: 1000 + i, classId: 11, personId: id, active: true });
      snapshot.studentSchools.push({ personId: id, schoolId: 1, current: true });
    }
    snapshot.staff.push({
      id: 201,
      staffId: null,
      email: "ann@d.test",
      firstName: "Ann",
      lastName: "Teach",
      title: null,
      active: true,
    });
    snapshot.staffSchools.push(
      { personId: 200, schoolId: 1, current: true },
      { personId: 201, schoolId: 2, current: true },
    );
    return snapshot;
  }
  const rowsFor = (ids: number[]) => ids.map((i) => combinedRow("101", "C1", `S${i}`));

  it("a student on no row whose schools are all in the file is deactivated, counted in the threshold", () => {
    const file = fileOf("combined", COMBINED, rowsFor([1, 2, 3, 4, 5, 6, 7]));
    const plan = planImport(file, departures(10), { thresholdPercent: 50 });
    expect(plan.students.deactivate).toEqual([108, 109, 110]);
    expect(plan.counts.students).toEqual({ created: 0, updated: 0, reactivated: 0, deactivated: 3 });
    expect(plan.samples.students.deactivated).toEqual(["Ann S8 (S8)", "Ann S9 (S9)", "Ann S10 (S10)"]);
    expect(plan.enrollments.end).toEqual([1008, 1009, 1010]);
    expect(plan.staff.deactivate).toEqual([]); // tom is on the rows; ann's school is not in the file
    expect(plan.heldReason).toBeNull();

    const strict = planImport(file, departures(10), { thresholdPercent: 10 });
    expect(strict.heldReason).toBe(
      "This import would end 3 of 10 active enrollments (30 %) and deactivate 3 of 10 active students (30 %) in the schools of this file, more than the 10 % threshold. Review the change, then apply or discard it.",
    );
  });

  it("one who comes back is reactivated", () => {
    const snapshot = departures(2);
    snapshot.students[1]!.active = false;
    snapshot.enrollments[1]!.active = false;
    snapshot.studentSchools[1]!.current = false;
    const plan = planImport(fileOf("combined", COMBINED, rowsFor([1, 2])), snapshot, { thresholdPercent: 10 });
    expect(plan.counts.students).toEqual({ created: 0, updated: 0, reactivated: 1, deactivated: 0 });
    expect(plan.enrollments.reactivate).toEqual([1002]);
  });

  it("a student whose enrollments already ended is still one who left (their past schools count)", () => {
    const snapshot = departures(2);
    snapshot.enrollments[1]!.active = false;
    snapshot.studentSchools[1]!.current = false;
    const plan = planImport(fileOf("combined", COMBINED, rowsFor([1])), snapshot, { thresholdPercent: 100 });
    expect(plan.students.deactivate).toEqual([102]);
  });

  it("keeps someone with a class at a school the file does not cover, and someone with no class at all", () => {
    const snapshot = departures(3);
    snapshot.studentSchools.push({ personId: 102, schoolId: 2, current: true });
    snapshot.studentSchools = snapshot.studentSchools.filter((s) => s.personId !== 103);
    const plan = planImport(fileOf("combined", COMBINED, rowsFor([1])), snapshot, { thresholdPercent: 100 });
    expect(plan.students.deactivate).toEqual([]);
  });

  it("keeps people a staff or students file lists: those files govern them", () => {
    const snapshot = departures(3);
    snapshot.listedStudents = [102, 103];
    const file = fileOf(
      "combined",
      COMBINED,
      [combinedRow("101", "C1", "S1")].map((r) => [...r.slice(0, 7), "Ann", "Teach", "ann@d.test"]),
    );
    snapshot.listedStaff = [200];
    const plan = planImport(file, snapshot, { thresholdPercent: 100 });
    expect(plan.students.deactivate).toEqual([]);
    expect(plan.staff.deactivate).toEqual([]); // tom left the rows but a staff file lists him
  });

  it("a teacher on no row whose schools are all in the file is deactivated", () => {
    const snapshot = departures(1);
    const file = fileOf("combined", COMBINED, [
      [...combinedRow("101", "C1", "S1").slice(0, 7), "Ann", "Teach", "ann@d.test"],
    ]);
    const plan = planImport(file, snapshot, { thresholdPercent: 100 });
    expect(plan.staff.deactivate).toEqual([200]);
    expect(plan.samples.staff.deactivated).toEqual(["Tom Hart <tom@d.test>"]);
  });

  it("a staff or students file does not deactivate someone only a combined file names", () => {
    const snapshot = emptySnapshot();
    snapshot.schools = [{ id: 1, schoolId: "101", active: true }];
    snapshot.students = [
      { id: 100, studentId: "S1", firstName: "A", lastName: "One", email: null, grade: null, active: true },
      { id: 101, studentId: "S2", firstName: "B", lastName: "Two", email: null, grade: null, active: true },
    ];
    snapshot.memberships = [{ personId: 100, schoolId: 1, active: true }];
    snapshot.classSchools = [
      { personId: 100, schoolId: 1 },
      { personId: 101, schoolId: 1 },
    ];
    const file = fileOf(
      "students",
      ["School ID", "Student ID", "First Name", "Last Name"],
      [["101", "S3", "C", "Three"]],
    );
    const plan = planImport(file, snapshot, { thresholdPercent: 100 });
    expect(plan.students.deactivate).toEqual([100]); // listed before, left out now
    expect(plan.memberships.end).toEqual([{ personId: 100, schoolId: 1 }]);
  });
});
