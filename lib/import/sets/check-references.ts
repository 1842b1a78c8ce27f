import { emptyValidatedFile, pairKey, type ValidatedFile } from "../validated-file";
import { rowIssue } from "./set-table";
import type { SetRoster } from "./set-roster";

// A set's entities → the validated structure a combined file plans from (plan-import), after
// checking the references between its files: a class naming an unknown school, a link naming
// an unknown class or person. Each is a row issue naming the file inside the set, its row and
// column; the row is skipped and what it names is protected (never deactivated or ended).

export function checkReferences(roster: SetRoster): ValidatedFile {
  // A set plans as a combined file does: classes, people, enrollments and teaching assignments.
  const file = emptyValidatedFile("combined");
  file.rowCount = roster.rowCount;
  file.errorRows = roster.errorRows;
  file.duplicateRows = roster.duplicates;
  file.issues.push(...roster.issues);
  const p = file.protected;
  const reject = (issue: ReturnType<typeof rowIssue>) => {
    file.errorRows += 1;
    file.issues.push(issue);
  };

  for (const { schoolId, name } of roster.schools.values()) {
    file.schools.add(schoolId);
    if (name !== null && !file.schoolNames.has(schoolId)) file.schoolNames.set(schoolId, name);
  }

  // Classes: their school must be in the set.
  const classIds = new Map<string, string>();
  for (const [key, klass] of roster.classes) {
    const school = roster.schools.get(klass.schoolRef);
    if (!school) {
      p.classes.add(klass.classId);
      reject(
        rowIssue(
          klass.ref.file,
          klass.ref.row,
          klass.schoolColumn,
          "unknown_school",
          roster.rejected.schools.has(klass.schoolRef)
            ? `Class "${klass.classId}" belongs to school "${klass.schoolRef}", whose own row has an error. The class was skipped.`
            : `Class "${klass.classId}" names school "${klass.schoolRef}", which is not among the set's schools. The class was skipped.`,
        ),
      );
      continue;
    }
    classIds.set(key, klass.classId);
    file.terms.add(klass.term);
    file.classes.set(klass.classId, {
      classId: klass.classId,
      name: klass.name,
      period: klass.period,
      term: klass.term,
      schoolId: school.schoolId,
      row: klass.ref.row,
    });
  }
  for (const key of roster.rejected.classes) p.classes.add(key);
  for (const person of roster.rejected.people.values()) {
    if (person.role === "student") p.students.add(person.id);
    else {
      p.staffIds.add(person.id);
      if (person.email) p.staffEmails.add(person.email);
    }
  }

  // People: students by student id, staff by email (and staff id).
  for (const person of roster.people.values()) {
    if (person.role === "student") {
      file.students.set(person.id, {
        studentId: person.id,
        firstName: person.firstName,
        lastName: person.lastName,
        email: person.email,
        grade: person.grade,
        row: person.at.row,
      });
    } else if (person.email !== null) {
      const staff = {
        email: person.email,
        staffId: person.staffId,
        firstName: person.firstName,
        lastName: person.lastName,
        title: null,
        row: person.at.row,
      };
      file.staff.set(person.email, staff);
      if (person.staffId !== null) file.staffByStaffId.set(person.staffId, staff);
    }
  }

  // A delta names only what changed: a link may name a class or a student the set does not
  // list; they are taken by id (a class's sourcedId, a student's sourcedId) and the plan
  // checks the roster has them. A teacher must be listed (their email is their key).
  const delta = roster.delta ? deltaRemovals(roster, file) : null;

  // Links: both ends must be in the set (and accepted).
  for (const link of roster.links) {
    let classId = classIds.get(link.classRef);
    let person = roster.people.get(link.personRef);
    if (delta) {
      if (classId === undefined && !roster.classes.has(link.classRef) && !roster.rejected.classes.has(link.classRef))
        classId = link.classRef;
      if (classId !== undefined) delta.classIds.add(classId);
      if (!person && link.role === "student" && !roster.rejected.people.has(link.personRef)) {
        person = {
          ref: link.personRef,
          role: "student",
          id: link.personRef,
          staffId: null,
          firstName: "",
          lastName: "",
          email: null,
          grade: null,
          at: link.at,
        };
      }
    }
    const classKnown = roster.classes.has(link.classRef) || roster.rejected.classes.has(link.classRef);
    const personKnown = person !== undefined || roster.rejected.people.has(link.personRef);
    if (classId === undefined || person === undefined) {
      const knownClass = roster.classes.get(link.classRef)?.classId ?? link.classRef;
      p.classes.add(knownClass);
      if (person?.role === "student") p.enrollments.add(pairKey(knownClass, person.id));
      if (person?.role === "teacher" && person.email) p.assignments.add(pairKey(knownClass, person.email));
      if (person?.role === "teacher") p.assignments.add(pairKey(knownClass, `#${person.id}`));
      if (!classKnown) {
        reject(
          rowIssue(
            link.at.file,
            link.at.row,
            link.classColumn,
            "unknown_class",
            `This row names class "${link.classRef}", which is not in the set's classes. The row was skipped.`,
          ),
        );
      } else if (!personKnown) {
        reject(
          rowIssue(
            link.at.file,
            link.at.row,
            link.personColumn,
            link.role === "student" ? "unknown_student" : "unknown_teacher",
            `This row names ${link.role} "${link.personLabel ?? link.personRef}", who is not among the set's ${link.role === "student" ? "students" : "teachers"}. The row was skipped.`,
          ),
        );
      } else file.errorRows += 1; // an end was rejected on its own row: reported there
      continue;
    }
    if (person.role !== link.role) {
      reject(
        rowIssue(
          link.at.file,
          link.at.row,
          link.personColumn,
          "role_mismatch",
          `This row links "${link.personLabel ?? link.personRef}" to class "${classId}" as a ${link.role}, but they are listed as a ${person.role}. The row was skipped.`,
        ),
      );
      p.classes.add(classId);
      continue;
    }
    if (person.role === "student") {
      const key = pairKey(classId, person.id);
      if (file.enrollments.has(key)) file.duplicateRows += 1;
      else file.enrollments.set(key, "");
    } else if (person.email !== null) {
      const key = pairKey(classId, person.email);
      if (file.assignments.has(key)) file.duplicateRows += 1;
      else file.assignments.set(key, link.at.row);
    }
  }
  if (delta) {
    file.delta = delta;
  }
  return file;
}

/** A delta's tobedeleted rows in our keys (a removed teacher by the email the roster knows). */
function deltaRemovals(roster: SetRoster, file: ValidatedFile) {
  const removed = {
    classes: new Set(roster.removed.classes),
    students: new Set<string>(),
    staffEmails: new Set<string>(),
    enrollments: new Set<string>(),
    assignments: new Set<string>(),
    classIds: new Set<string>(roster.removed.classes),
  };
  for (const ref of roster.removed.people) {
    const gone = roster.removedPeople.get(ref);
    if (gone?.role === "student") removed.students.add(gone.id);
    else if (gone?.email) removed.staffEmails.add(gone.email);
  }
  for (const link of roster.removed.links) {
    const person = roster.people.get(link.personRef) ?? roster.removedPeople.get(link.personRef);
    const classId = roster.classes.get(link.classRef)?.classId ?? link.classRef;
    removed.classIds.add(classId);
    if (link.role === "student") removed.enrollments.add(pairKey(classId, person?.id ?? link.personRef));
    else if (person?.email) removed.assignments.add(pairKey(classId, person.email));
    else {
      file.errorRows += 1;
      file.issues.push(
        rowIssue(
          link.at.file,
          link.at.row,
          null,
          "unknown_teacher",
          `This row ends teacher "${link.personRef}" in class "${classId}", but the delta's users.csv does not list that teacher, so their email is unknown. The row was skipped.`,
        ),
      );
    }
  }
  for (const classId of file.classes.keys()) removed.classIds.add(classId);
  return removed;
}
