// Kept whole (~560 lines): its passes share one Planner's indexes, and each reads what the one before decided.
import {
  emptyCounts,
  emptySamples,
  emptyUnchanged,
  SAMPLE_SIZE,
  type ChangeType,
  type EntityType,
  type ImportPlan,
} from "./plan-types";
import type {
  RosterSnapshot,
  SnapshotClass,
  SnapshotLink,
  SnapshotStaff,
  SnapshotStudent,
} from "@/db/queries/roster-snapshot";
import type { ImportIssue } from "./types";
import { EnrollmentPairs, pairKey, splitPair, type FileStaff, type ValidatedFile } from "./validated-file";
import { assignmentLabel, classLabel, enrollmentLabel, schoolLabel, staffLabel, studentLabel } from "./change-labels";

// Step 3: the change an import would make, from the validated file and the current roster.
// Pure. Snapshot semantics (docs/domain.md, docs/import-rules.md) are scoped to the schools on the file's accepted
// rows; anything a row names, valid or not, is never deactivated or ended; the threshold holds it.
// Over 400 lines on purpose: one PlanContext walks schools, people, classes and links in the order
// each step needs the one before (staff matches feed assignments, deactivated classes feed links),
// and splitting it would pass that state between files.

export type PlanOptions = {
  /** The organization's deactivation threshold, in percent. */
  thresholdPercent: number;
  /** Samples kept per type and change (SAMPLE_SIZE); the full list of a preview asks for all. */
  sampleSize?: number;
};

export function planImport(file: ValidatedFile, roster: RosterSnapshot, options: PlanOptions): ImportPlan {
  const plan = newPlan(file);
  const ctx = new PlanContext(file, roster, plan, options.sampleSize ?? SAMPLE_SIZE);
  ctx.planSchoolsAndTerms();
  if (file.kind === "combined") {
    ctx.planStudents();
    ctx.planStaff();
    ctx.planClasses();
    if (file.delta) ctx.planDelta(file.delta);
    ctx.planLinks();
    // A delta deactivates only what it marks tobedeleted (planDelta): nobody departs by absence.
    if (!file.delta) {
      ctx.planDeparted("students");
      ctx.planDeparted("staff");
    }
  } else if (file.kind === "students") {
    ctx.planStudents();
    ctx.planMemberships();
  } else {
    ctx.planStaff();
    ctx.planMemberships();
  }
  plan.heldReason = holdReason(ctx.inScope, plan, options.thresholdPercent);
  plan.changed = hasChanges(plan);
  return plan;
}

function newPlan(file: ValidatedFile): ImportPlan {
  return {
    kind: file.kind,
    counts: emptyCounts(),
    unchanged: emptyUnchanged(),
    samples: emptySamples(),
    heldReason: null,
    issues: [],
    changed: false,
    schools: { create: [], update: [], reactivate: [] },
    terms: { create: [], reactivate: [] },
    students: { create: [], update: [], deactivate: [] },
    staff: { create: [], update: [], deactivate: [] },
    classes: { create: [], update: [], deactivate: [] },
    enrollments: { create: new EnrollmentPairs(file.enrollments), reactivate: [], end: [] },
    assignments: { create: [], reactivate: [], end: [] },
    memberships: { create: [], reactivate: [], end: [] },
  };
}

const THRESHOLD_TYPES = ["classes", "enrollments", "students", "staff"] as const;
type ThresholdType = (typeof THRESHOLD_TYPES)[number];

function holdReason(inScope: Record<ThresholdType, number>, plan: ImportPlan, threshold: number): string | null {
  const reasons: string[] = [];
  for (const type of THRESHOLD_TYPES) {
    const removed = plan.counts[type].deactivated;
    const active = inScope[type];
    if (removed === 0 || removed * 100 <= threshold * active) continue;
    const verb = type === "enrollments" ? "end" : "deactivate";
    const share = Math.round((removed * 1000) / active) / 10;
    reasons.push(`${verb} ${removed} of ${active} active ${type} (${share} %)`);
  }
  if (reasons.length === 0) return null;
  return `This import would ${reasons.join(" and ")} in the schools of this file, more than the ${threshold} % threshold. Review the change, then apply or discard it.`;
}

function hasChanges(plan: ImportPlan): boolean {
  const lists = [
    plan.schools.create,
    plan.schools.update,
    plan.schools.reactivate,
    plan.terms.create,
    plan.terms.reactivate,
    plan.students.create,
    plan.students.update,
    plan.students.deactivate,
    plan.staff.create,
    plan.staff.update,
    plan.staff.deactivate,
    plan.classes.create,
    plan.classes.update,
    plan.classes.deactivate,
    plan.enrollments.create,
    plan.enrollments.reactivate,
    plan.enrollments.end,
    plan.assignments.create,
    plan.assignments.reactivate,
    plan.assignments.end,
    plan.memberships.create,
    plan.memberships.reactivate,
    plan.memberships.end,
  ];
  return lists.some((list) => list.length > 0);
}

const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;
const staffName = staffLabel;

class PlanContext {
  readonly inScope: Record<ThresholdType, number> = { classes: 0, enrollments: 0, students: 0, staff: 0 };
  private readonly schoolsBySis = new Map<string, RosterSnapshot["schools"][number]>();
  private readonly schoolSisById = new Map<number, string>();
  private readonly termsByName = new Map<string, RosterSnapshot["terms"][number]>();
  private readonly termNameById = new Map<number, string>();
  private readonly classById = new Map<number, SnapshotClass>();
  /** Database ids of the file's schools that exist already: the snapshot's scope. */
  private readonly scope = new Set<number>();
  /** File staff email → the staff record it matched (or null when it will be created). */
  private readonly staffMatch = new Map<string, SnapshotStaff | null>();
  /** Staff records named by a rejected row (by email or staff id): never deactivated. */
  private readonly protectedStaff = new Set<number>();
  /** Staff records whose rows were skipped because the file contradicts the roster. */
  private readonly conflictStaff = new Set<number>();

  constructor(
    private readonly file: ValidatedFile,
    private readonly roster: RosterSnapshot,
    private readonly plan: ImportPlan,
    private readonly sampleSize: number,
  ) {
    for (const school of roster.schools) {
      this.schoolsBySis.set(school.schoolId, school);
      this.schoolSisById.set(school.id, school.schoolId);
    }
    for (const term of roster.terms) {
      this.termsByName.set(term.name, term);
      this.termNameById.set(term.id, term.name);
    }
    for (const klass of roster.classes) this.classById.set(klass.id, klass);
  }

  private count(type: EntityType, change: ChangeType, sample: () => string) {
    const bucket = this.plan.counts[type];
    bucket[change] += 1;
    const samples = this.plan.samples[type][change];
    if (samples.length < this.sampleSize) samples.push(sample());
  }

  private issue(issue: Omit<ImportIssue, "column"> & { column?: string | null }) {
    this.plan.issues.push({ column: null, ...issue });
  }

  planSchoolsAndTerms() {
    for (const schoolId of this.file.schools) {
      const existing = this.schoolsBySis.get(schoolId);
      // The file's name, when it gives one, is the school's name (docs/import-rules.md "School names").
      const name = this.file.schoolNames.get(schoolId) ?? null;
      if (!existing) {
        this.plan.schools.create.push({ schoolId, name });
        this.count("schools", "created", () => schoolLabel(schoolId, name));
        continue;
      }
      this.scope.add(existing.id);
      if (name !== null && name !== existing.name) {
        this.plan.schools.update.push({ id: existing.id, name });
        if (!existing.active) this.count("schools", "reactivated", () => schoolLabel(schoolId, name));
        else {
          const was = existing.name ?? "(blank)";
          this.count("schools", "updated", () => `${schoolLabel(schoolId, existing.name)}: name ${was} → ${name}`);
        }
      } else if (!existing.active) {
        this.plan.schools.reactivate.push(existing.id);
        this.count("schools", "reactivated", () => schoolLabel(schoolId, existing.name));
      } else this.plan.unchanged.schools += 1;
    }
    for (const name of this.file.terms) {
      const existing = this.termsByName.get(name);
      if (!existing) {
        this.plan.terms.create.push(name);
        this.count("terms", "created", () => `Term ${name}`);
      } else if (!existing.active) {
        this.plan.terms.reactivate.push(existing.id);
        this.count("terms", "reactivated", () => `Term ${name}`);
      } else this.plan.unchanged.terms += 1;
    }
  }

  planStudents() {
    const bySis = new Map<string, SnapshotStudent>();
    for (const student of this.roster.students) bySis.set(student.studentId, student);
    for (const student of this.file.students.values()) {
      const existing = bySis.get(student.studentId);
      if (!existing) {
        this.plan.students.create.push(student);
        this.count("students", "created", () => studentLabel(student));
        continue;
      }
      const next = {
        id: existing.id,
        firstName: student.firstName,
        lastName: student.lastName,
        email: student.email ?? existing.email,
        grade: student.grade ?? existing.grade,
      };
      const changes = describeChanges(existing, next, ["firstName", "lastName", "email", "grade"]);
      if (!existing.active) {
        this.plan.students.update.push(next);
        this.count("students", "reactivated", () => studentLabel(student));
      } else if (changes.length > 0) {
        this.plan.students.update.push(next);
        this.count("students", "updated", () => `${studentLabel(student)}: ${changes.join(", ")}`);
      } else this.plan.unchanged.students += 1;
      if (existing.firstName !== student.firstName && existing.lastName !== student.lastName) {
        this.issue({
          row: student.row,
          severity: "warning",
          code: "possible_id_reuse",
          message: `Student ID "${student.studentId}" belonged to ${fullName(existing)}; this file names ${fullName(student)}. The student's record takes the new name; student ids must never be reused, so check this one in your SIS.`,
        });
      }
    }
  }

  planStaff() {
    const byStaffId = new Map<string, SnapshotStaff>();
    const byEmail = new Map<string, SnapshotStaff>();
    for (const person of this.roster.staff) {
      if (person.staffId !== null) byStaffId.set(person.staffId, person);
      byEmail.set(person.email, person);
    }
    for (const id of this.file.protected.staffIds) {
      const person = byStaffId.get(id);
      if (person) this.protectedStaff.add(person.id);
    }
    for (const email of this.file.protected.staffEmails) {
      const person = byEmail.get(email);
      if (person) this.protectedStaff.add(person.id);
    }
    const claimed = new Map<number, FileStaff>();
    for (const person of this.file.staff.values()) {
      const match = this.matchStaff(person, byStaffId, byEmail, claimed);
      if (match === undefined) continue; // a conflict: reported, the teacher is left out
      this.staffMatch.set(person.email, match);
      if (match === null) {
        this.plan.staff.create.push(person);
        this.count("staff", "created", () => staffLabel(person));
        continue;
      }
      claimed.set(match.id, person);
      const next = {
        id: match.id,
        staffId: person.staffId ?? match.staffId,
        email: person.email,
        firstName: person.firstName,
        lastName: person.lastName,
        title: person.title ?? match.title,
      };
      const changes = describeChanges(match, next, ["staffId", "email", "firstName", "lastName", "title"]);
      if (!match.active) {
        this.plan.staff.update.push(next);
        this.count("staff", "reactivated", () => staffLabel(person));
      } else if (changes.length > 0) {
        this.plan.staff.update.push(next);
        this.count("staff", "updated", () => `${staffLabel({ ...person, email: match.email })}: ${changes.join(", ")}`);
      } else this.plan.unchanged.staff += 1;
    }
  }

  /**
   * Staff are matched by staff id when the file gives one, else by email (docs/domain.md "Identity").
   * Answers the record, null for a new person, or undefined when the file contradicts the roster.
   */
  private matchStaff(
    person: FileStaff,
    byStaffId: Map<string, SnapshotStaff>,
    byEmail: Map<string, SnapshotStaff>,
    claimed: Map<number, FileStaff>,
  ): SnapshotStaff | null | undefined {
    const byId = person.staffId === null ? undefined : byStaffId.get(person.staffId);
    const withEmail = byEmail.get(person.email);
    const match: SnapshotStaff | null = byId ?? withEmail ?? null;
    let problem: string | null = null;
    if (byId && withEmail && withEmail.id !== byId.id) {
      problem = `Staff id "${person.staffId}" is ${staffName(byId)} in the roster, but ${person.email} belongs to another staff member (${fullName(withEmail)}${withEmail.staffId ? `, staff id "${withEmail.staffId}"` : ""}).`;
    } else if (!byId && withEmail && person.staffId !== null && withEmail.staffId !== null) {
      problem = `${person.email} belongs to staff id "${withEmail.staffId}" in the roster, but this file gives staff id "${person.staffId}"; staff ids are never reused.`;
    }
    const other = match ? claimed.get(match.id) : undefined;
    if (!problem && match && other) {
      problem = `${person.email} and ${other.email} (row ${other.row}) both match the staff member ${staffName(match)}.`;
    }
    if (problem) {
      this.issue({
        row: person.row,
        severity: "error",
        code: "staff_conflict",
        message: `${problem} This teacher's rows were skipped; fix the staff id or email in your SIS.`,
      });
      for (const record of [byId, withEmail]) {
        if (record) {
          this.protectedStaff.add(record.id);
          this.conflictStaff.add(record.id);
        }
      }
      return undefined;
    }
    return match;
  }

  planClasses() {
    const bySis = new Map(this.roster.classes.map((klass) => [klass.classId, klass]));
    for (const klass of this.file.classes.values()) {
      const existing = bySis.get(klass.classId);
      if (!existing) {
        this.plan.classes.create.push(klass);
        this.count("classes", "created", () => classLabel(klass));
        continue;
      }
      const current = {
        name: existing.name,
        period: existing.period,
        term: this.termNameById.get(existing.termId) ?? "",
        schoolId: this.schoolSisById.get(existing.schoolId) ?? "",
      };
      const next = {
        id: existing.id,
        name: klass.name,
        period: klass.period ?? existing.period,
        term: klass.term,
        schoolId: klass.schoolId,
      };
      const changes = describeChanges(current, next, ["name", "period", "term", "schoolId"]);
      if (!existing.active) {
        this.plan.classes.update.push(next);
        this.count("classes", "reactivated", () => classLabel(klass));
      } else if (changes.length > 0) {
        this.plan.classes.update.push(next);
        this.count("classes", "updated", () => `${classLabel(existing)}: ${changes.join(", ")}`);
      } else this.plan.unchanged.classes += 1;
    }
    const schoolsLeftOut = new Map<string, number>();
    for (const klass of this.roster.classes) {
      if (!klass.active) continue;
      if (this.file.delta) {
        // A delta ends only the classes it marks tobedeleted (planDelta).
        this.inScope.classes += 1;
        continue;
      }
      if (!this.scope.has(klass.schoolId)) {
        const sis = this.schoolSisById.get(klass.schoolId) ?? String(klass.schoolId);
        if (!this.file.schools.has(sis)) schoolsLeftOut.set(sis, (schoolsLeftOut.get(sis) ?? 0) + 1);
        continue;
      }
      this.inScope.classes += 1;
      if (this.file.classes.has(klass.classId) || this.file.protected.classes.has(klass.classId)) continue;
      this.plan.classes.deactivate.push(klass.id);
      this.count("classes", "deactivated", () => classLabel(klass));
    }
    if (schoolsLeftOut.size > 0) {
      const named = (sis: string) => this.schoolsBySis.get(sis)?.name;
      const list = [...schoolsLeftOut].map(([sis, n]) => {
        const classes = `${n} active ${n === 1 ? "class" : "classes"}`;
        const name = named(sis);
        return name ? `${name} (${sis}, ${classes})` : `${sis} (${classes})`;
      });
      this.issue({
        row: null,
        severity: "warning",
        code: "school_not_in_file",
        message: `${schoolsLeftOut.size === 1 ? "1 school is" : `${schoolsLeftOut.size} schools are`} not in this file and ${schoolsLeftOut.size === 1 ? "was" : "were"} left as ${schoolsLeftOut.size === 1 ? "it is" : "they are"}: ${list.join(", ")}.`,
      });
    }
  }

  /**
   * Delta files: deactivates the classes, students and staff marked tobedeleted, and drops links
   * to a class or student neither the delta nor the roster has (each an issue).
   */
  planDelta(delta: NonNullable<ValidatedFile["delta"]>) {
    const classes = new Map(this.roster.classes.map((klass) => [klass.classId, klass]));
    for (const classId of delta.classes) {
      const klass = classes.get(classId);
      if (!klass?.active || this.file.classes.has(classId)) continue;
      this.plan.classes.deactivate.push(klass.id);
      this.count("classes", "deactivated", () => classLabel(klass));
    }
    const students = new Map(this.roster.students.map((student) => [student.studentId, student]));
    // The threshold of a delta is measured against the whole organization's active people.
    this.inScope.students = this.roster.students.filter((student) => student.active).length;
    this.inScope.staff = this.roster.staff.filter((person) => person.active).length;
    for (const studentId of delta.students) {
      const student = students.get(studentId);
      if (!student?.active || this.file.students.has(studentId)) continue;
      this.plan.students.deactivate.push(student.id);
      this.count("students", "deactivated", () => studentLabel(student));
    }
    const staff = new Map(this.roster.staff.map((person) => [person.email, person]));
    for (const email of delta.staffEmails) {
      const person = staff.get(email);
      if (!person?.active || this.file.staff.has(email)) continue;
      this.plan.staff.deactivate.push(person.id);
      this.count("staff", "deactivated", () => staffLabel(person));
    }
    for (const key of [...this.file.enrollments.keys()]) {
      const [classId, studentId] = splitPair(key);
      const known =
        (this.file.classes.has(classId) || classes.has(classId)) &&
        (this.file.students.has(studentId) || students.has(studentId));
      if (known) continue;
      this.file.enrollments.delete(key);
      this.issue({
        row: null,
        severity: "error",
        code: "unknown_reference",
        message: `The delta enrolls student "${studentId}" in class "${classId}", but ${this.file.classes.has(classId) || classes.has(classId) ? "that student" : "that class"} is neither in the delta nor in the roster. The enrollment was skipped.`,
      });
    }
  }

  /** Staff record id → the email it will have after this import (the file's, for matched staff). */
  private fileEmailByStaffId(): Map<number, string> {
    const emails = new Map<number, string>();
    for (const [email, match] of this.staffMatch) if (match) emails.set(match.id, email);
    return emails;
  }

  /** A class as a sample names it: the file's version when the file has it, else the roster's. */
  private classNamed(classId: string): string {
    const klass = this.file.classes.get(classId) ?? this.rosterClassBySis().get(classId);
    return klass ? classLabel(klass) : `class ${classId}`;
  }

  private classesBySis: Map<string, SnapshotClass> | null = null;
  private rosterClassBySis() {
    this.classesBySis ??= new Map(this.roster.classes.map((klass) => [klass.classId, klass]));
    return this.classesBySis;
  }

  private studentsBySis: Map<string, SnapshotStudent> | null = null;
  private studentNamed(studentId: string): string {
    this.studentsBySis ??= new Map(this.roster.students.map((student) => [student.studentId, student]));
    const student = this.file.students.get(studentId) ?? this.studentsBySis.get(studentId);
    return student ? studentLabel(student) : `Student ${studentId}`;
  }

  private staffNamed(email: string): string {
    const person = this.file.staff.get(email) ?? this.roster.staff.find((s) => s.email === email);
    return person ? staffLabel(person) : email;
  }

  /** Combined files: enrollments and teaching assignments of the classes in scope. */
  planLinks() {
    const classSis = this.classById;
    const deactivated = new Set(this.plan.classes.deactivate);
    const studentById = new Map(this.roster.students.map((student) => [student.id, student]));
    const staffById = new Map(this.roster.staff.map((person) => [person.id, person]));
    const storedClass = (link: SnapshotLink) => {
      const klass = classSis.get(link.classId);
      return klass ? this.classNamed(klass.classId) : "a class";
    };

    const enrollmentKey = (link: SnapshotLink) => {
      const klass = classSis.get(link.classId);
      const student = studentById.get(link.personId)?.studentId;
      return !klass || student === undefined ? null : pairKey(klass.classId, student);
    };
    this.diffLinks(
      "enrollments",
      this.roster.enrollments,
      deactivated,
      enrollmentKey,
      (key) => this.file.protected.enrollments.has(key),
      // Stored enrollments' keys are distinct (one per class and student: a unique index).
      { keys: this.file.enrollments.keys(), size: this.file.enrollments.size, distinctStored: true },
      (key) => {
        // The file's own key string (class id, NUL, student id): no new strings per link.
        this.plan.enrollments.create.push(key);
        return () => {
          const [classId, studentId] = splitPair(key);
          return enrollmentLabel(this.studentNamed(studentId), this.classNamed(classId), "created");
        };
      },
      (link, change) => {
        const student = studentById.get(link.personId);
        return enrollmentLabel(student ? studentLabel(student) : "A student", storedClass(link), change);
      },
    );

    // An assignment's file key is (class id, staff email); a stored one maps to the email the
    // staff record will have after this import.
    const fileEmailOf = this.fileEmailByStaffId();
    const fileAssignments = [...this.file.assignments.keys()].filter((key) => this.staffMatch.has(splitPair(key)[1]));
    const assignmentKey = (link: SnapshotLink) => {
      const klass = classSis.get(link.classId);
      const person = staffById.get(link.personId);
      if (!klass || !person) return null;
      return pairKey(klass.classId, fileEmailOf.get(person.id) ?? person.email);
    };
    const assignmentNamed = (key: string, link: SnapshotLink) => {
      const classId = classSis.get(link.classId)!.classId;
      const person = staffById.get(link.personId)!;
      return (
        this.file.assignments.has(key) ||
        this.conflictStaff.has(person.id) ||
        this.file.protected.assignments.has(pairKey(classId, person.email)) ||
        (person.staffId !== null && this.file.protected.assignments.has(pairKey(classId, `#${person.staffId}`)))
      );
    };
    this.diffLinks(
      "assignments",
      this.roster.assignments,
      deactivated,
      assignmentKey,
      assignmentNamed,
      { keys: fileAssignments, size: fileAssignments.length, distinctStored: false },
      (key) => {
        const [classId, email] = splitPair(key);
        this.plan.assignments.create.push({ classId, email });
        return () => assignmentLabel(this.staffNamed(email), this.classNamed(classId), "created");
      },
      (link, change) => {
        const person = staffById.get(link.personId);
        return assignmentLabel(person ? staffLabel(person) : "A teacher", storedClass(link), change);
      },
    );
  }

  /**
   * Stored links: kept (reactivated if ended) when the file has them; ended when their class is
   * deactivated, or their class is in the file and they are not, unless a row names them.
   * File links not stored are created.
   */
  private diffLinks(
    type: "enrollments" | "assignments",
    stored: SnapshotLink[],
    deactivatedClasses: Set<number>,
    /** The link's key as the file's keys read; null when its class or person is unknown (kept). */
    keyOf: (link: SnapshotLink) => string | null,
    /** Whether a row (a rejected one too) names a stored link the file does not have. */
    isNamed: (key: string, link: SnapshotLink) => boolean,
    /** The file's links; `distinctStored`: no two stored links have the same key. */
    file: { keys: Iterable<string>; size: number; distinctStored: boolean },
    /** Adds the link to the plan; answers how to describe it, should it be a sample. */
    create: (key: string) => () => string,
    describe: (link: SnapshotLink, change: "reactivated" | "deactivated") => string,
  ) {
    const fileLinks = this.file[type];
    // The stored links the file has: when they are as many as the file's (and distinct), the
    // file creates none, and no set of them is needed.
    const inFileKeys: string[] = [];
    const list = this.plan[type];
    for (const link of stored) {
      const key = keyOf(link);
      const inFile = key !== null && fileLinks.has(key);
      if (link.active && type === "enrollments") this.inScope.enrollments += 1;
      if (inFile) {
        inFileKeys.push(key);
        if (!link.active) {
          list.reactivate.push(link.id);
          this.count(type, "reactivated", () => describe(link, "reactivated"));
        } else this.plan.unchanged[type] += 1;
        continue;
      }
      if (!link.active || key === null || isNamed(key, link)) continue;
      const delta = this.file.delta;
      const classInFile = this.file.classes.has(this.classById.get(link.classId)?.classId ?? "");
      const ends = delta
        ? deactivatedClasses.has(link.classId) || delta[type].has(key)
        : deactivatedClasses.has(link.classId) || classInFile;
      if (ends) {
        list.end.push(link.id);
        this.count(type, "deactivated", () => describe(link, "deactivated"));
      }
    }
    if (file.distinctStored && inFileKeys.length === file.size) return;
    const seen = new Set(inFileKeys);
    for (const key of file.keys) {
      if (seen.has(key)) continue;
      this.count(type, "created", create(key));
    }
  }

  /** Staff and students files: school links, and people of the file's schools who are not in it. */
  planMemberships() {
    const students = this.file.kind === "students";
    const type = students ? "students" : "staff";
    const people = new Map<number, { key: string; active: boolean; label: string }>();
    if (students) {
      for (const s of this.roster.students)
        people.set(s.id, { key: s.studentId, active: s.active, label: studentLabel(s) });
    } else {
      const fileEmailOf = this.fileEmailByStaffId();
      for (const s of this.roster.staff) {
        people.set(s.id, { key: fileEmailOf.get(s.id) ?? s.email, active: s.active, label: staffLabel(s) });
      }
    }
    const isNamed = (personId: number, key: string) =>
      students
        ? this.file.students.has(key) || this.file.protected.students.has(key)
        : this.staffMatch.has(key) || this.protectedStaff.has(personId);

    // Where each person belongs: inside the file's scope, and outside it.
    const inside = new Set<number>();
    const outside = new Set<number>();
    const seen = new Set<string>();
    for (const link of this.roster.memberships) {
      const person = people.get(link.personId);
      const schoolSis = this.schoolSisById.get(link.schoolId);
      if (!person || schoolSis === undefined) continue;
      const key = pairKey(person.key, schoolSis);
      seen.add(key);
      if (this.file.memberships.has(key)) {
        if (!link.active) this.plan.memberships.reactivate.push({ personId: link.personId, schoolId: link.schoolId });
        continue;
      }
      if (!link.active) continue;
      if (!this.scope.has(link.schoolId)) {
        outside.add(link.personId);
        continue;
      }
      inside.add(link.personId);
      const named = isNamed(link.personId, person.key) || this.file.protected.memberships.has(key);
      if (!named) this.plan.memberships.end.push({ personId: link.personId, schoolId: link.schoolId });
    }
    // A class elsewhere keeps a person; a class here alone does not make them this file's to
    // deactivate: people no staff/students file lists are governed by combined files.
    for (const { personId, schoolId } of this.roster.classSchools) {
      if (!this.scope.has(schoolId)) outside.add(personId);
    }
    for (const key of this.file.memberships.keys()) {
      if (seen.has(key)) continue;
      const [person, schoolId] = splitPair(key);
      if (!students && !this.staffMatch.has(person)) continue; // a staff conflict: left out
      this.plan.memberships.create.push({ person, schoolId });
    }
    for (const personId of inside) {
      const person = people.get(personId);
      if (!person?.active) continue;
      this.inScope[type] += 1;
      if (outside.has(personId) || isNamed(personId, person.key)) continue;
      this.plan[type].deactivate.push(personId);
      this.count(type, "deactivated", () => person.label);
    }
  }
  /**
   * Combined files: a student or staff member who is on no row, whose classes' schools are all in
   * this file's scope, and whom no staff/students file lists at a school, has left: deactivated
   * (and reactivated when a row names them again). Their schools are those of their current
   * classes, or, when they have none, of their past ones. People a staff/students file lists are
   * governed by those files, so the two kinds never undo each other.
   */
  planDeparted(type: "students" | "staff") {
    const students = type === "students";
    const current = new Map<number, number[]>();
    const past = new Map<number, number[]>();
    for (const { personId, schoolId, current: now } of students
      ? this.roster.studentSchools
      : this.roster.staffSchools) {
      const into = now ? current : past;
      into.set(personId, [...(into.get(personId) ?? []), schoolId]);
    }
    const listed = new Set(students ? this.roster.listedStudents : this.roster.listedStaff);
    const matchedStaff = new Set<number>();
    for (const match of this.staffMatch.values()) if (match) matchedStaff.add(match.id);
    const people = students
      ? this.roster.students.map((s) => ({
          id: s.id,
          active: s.active,
          named: this.file.students.has(s.studentId) || this.file.protected.students.has(s.studentId),
          label: studentLabel(s),
        }))
      : this.roster.staff.map((s) => ({
          id: s.id,
          active: s.active,
          named: matchedStaff.has(s.id) || this.protectedStaff.has(s.id),
          label: staffLabel(s),
        }));
    for (const person of people) {
      if (!person.active) continue;
      const schools = current.get(person.id) ?? past.get(person.id);
      if (!schools?.some((school) => this.scope.has(school))) continue;
      this.inScope[type] += 1;
      if (person.named || listed.has(person.id)) continue;
      if (schools.some((school) => !this.scope.has(school))) continue;
      this.plan[type].deactivate.push(person.id);
      this.count(type, "deactivated", () => person.label);
    }
  }
}

const FIELD_NAMES: Record<string, string> = {
  firstName: "first name",
  lastName: "last name",
  email: "email",
  grade: "grade",
  staffId: "staff id",
  title: "title",
  name: "name",
  period: "period",
  term: "term",
  schoolId: "school",
};

/** "last name Lee → Li" for each field that differs. */
function describeChanges<T extends Record<string, unknown>>(
  current: T,
  next: Partial<T>,
  fields: Array<keyof T & string>,
): string[] {
  const changes: string[] = [];
  for (const field of fields) {
    const before = current[field] ?? null;
    const after = next[field] ?? null;
    if (before !== after) changes.push(`${FIELD_NAMES[field] ?? field} ${before ?? "(blank)"} → ${after ?? "(blank)"}`);
  }
  return changes;
}
