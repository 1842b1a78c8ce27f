import type { Executor } from "@/db/client";
import {
  analyze,
  insertAssignments,
  insertClasses,
  insertEnrollments,
  insertMemberships,
  insertSchools,
  insertStaff,
  insertStudents,
  insertTerms,
  setActive,
  setMembershipsActive,
  STAFF_SCHOOLS,
  STUDENT_SCHOOLS,
  updateClasses,
  updateSchools,
  updateStaff,
  updateStudents,
} from "@/db/queries/roster-writes";
import { deleteSessionsOfStaff } from "@/db/queries/memberships";
import type { ImportPlan } from "./plan-types";

// Step 4: writes a plan inside the caller's transaction (which holds the organization's import
// lock). Order matters only where a create joins on what an earlier statement wrote: schools
// and terms before classes; people before links; staff updates (new emails) before the links
// that name staff by email. Deactivations and ends come last.

const LARGE_LOAD = 50_000;

export async function applyPlan(
  tx: Executor,
  stamp: { organizationId: string; importId: string },
  plan: ImportPlan,
): Promise<void> {
  await insertSchools(tx, stamp, plan.schools.create);
  await updateSchools(tx, stamp, plan.schools.update);
  await setActive(tx, stamp, "schools", plan.schools.reactivate, true);
  await insertTerms(tx, stamp, plan.terms.create);
  await setActive(tx, stamp, "terms", plan.terms.reactivate, true);

  await updateStaff(tx, stamp, plan.staff.update);
  await insertStaff(tx, stamp, plan.staff.create);
  await updateStudents(tx, stamp, plan.students.update);
  await insertStudents(tx, stamp, plan.students.create);
  await updateClasses(tx, stamp, plan.classes.update);
  await insertClasses(tx, stamp, plan.classes.create);
  if (plan.students.create.length + plan.classes.create.length > LARGE_LOAD / 10) {
    await analyze(tx, ["students", "classes", "staff"]);
  }

  await setActive(tx, stamp, "enrollments", plan.enrollments.reactivate, true);
  await insertEnrollments(tx, stamp, plan.enrollments.create);
  await setActive(tx, stamp, "teaching_assignments", plan.assignments.reactivate, true);
  await insertAssignments(tx, stamp, plan.assignments.create);

  const memberships = plan.kind === "staff" ? STAFF_SCHOOLS : STUDENT_SCHOOLS;
  await setMembershipsActive(tx, stamp, memberships, plan.memberships.reactivate, true);
  await insertMemberships(tx, stamp, memberships, plan.memberships.create);

  await setActive(tx, stamp, "enrollments", plan.enrollments.end, false);
  await setActive(tx, stamp, "teaching_assignments", plan.assignments.end, false);
  await setActive(tx, stamp, "classes", plan.classes.deactivate, false);
  await setMembershipsActive(tx, stamp, memberships, plan.memberships.end, false);
  await setActive(tx, stamp, "students", plan.students.deactivate, false);
  await setActive(tx, stamp, "staff", plan.staff.deactivate, false);
  // Access follows the roster: a deactivated teacher is signed out at once.
  await deleteSessionsOfStaff(tx, stamp.organizationId, plan.staff.deactivate);
  if (plan.enrollments.create.length > LARGE_LOAD) await analyze(tx, ["enrollments"]);
}
