import { z } from "zod";
import { ImportFileError } from "../types";
import type { SetPerson, SetRef, SetRoster } from "./set-roster";
import { rowIssue } from "./set-table";

// People rows of every format: the same checks (names, emails) and the same email rule for
// staff: the email column, else a username that is an address, else username + the
// organization's "email domain for usernames", else a row issue naming the teacher.

export type SetOptions = {
  /** The organization's "email domain for usernames" (e.g. "@district.org"), or null. */
  usernameEmailDomain: string | null;
};

const emailSchema = z.email();
export const isEmail = (value: string) => emailSchema.safeParse(value).success;

/** username + domain, the domain written with or without its "@". */
export function usernameEmail(username: string, domain: string | null): string | null {
  if (!domain || username === "" || username.includes("@")) return null;
  const address = `${username}@${domain.replace(/^@/, "")}`.toLowerCase();
  return isEmail(address) ? address : null;
}

export type PersonCells = {
  ref: string;
  role: "student" | "teacher";
  id: string;
  /** Teachers: the staff id when it differs from `id` (null: none); defaults to `id`. */
  staffId?: string | null;
  firstName: string;
  lastName: string;
  /** Candidate emails in order of preference (blank ones are skipped). */
  emails: string[];
  username: string;
  grade: string;
  at: SetRef;
  columns: { id: string; firstName: string; lastName: string; email: string };
};

/** Adds a person row; answers false when it was rejected (with its issue). */
export function addPerson(roster: SetRoster, cells: PersonCells, options: SetOptions): boolean {
  const { at, columns } = cells;
  const reject = (column: string, code: string, message: string) => {
    roster.errorRows += 1;
    roster.issues.push(rowIssue(at.file, at.row, column, code, message));
    if (cells.id !== "") {
      const email = cells.emails.map((e) => e.toLowerCase()).find(isEmail) ?? null;
      roster.rejected.people.set(cells.ref, { role: cells.role, id: cells.id, email });
    }
    return false;
  };
  const who = cells.role === "student" ? "student" : "teacher";
  if (cells.id === "") return reject(columns.id, "blank_value", `The ${who}'s id is blank. The row was skipped.`);
  if (cells.firstName === "")
    return reject(
      columns.firstName,
      "blank_value",
      `The first name of ${who} "${cells.id}" is blank. The row was skipped.`,
    );
  if (cells.lastName === "")
    return reject(
      columns.lastName,
      "blank_value",
      `The last name of ${who} "${cells.id}" is blank. The row was skipped.`,
    );

  const given = cells.emails.map((value) => value.trim().toLowerCase()).filter((value) => value !== "");
  const invalid = given.find((value) => !isEmail(value));
  if (invalid !== undefined && given.indexOf(invalid) === 0) {
    return reject(
      columns.email,
      "invalid_value",
      `"${invalid}" is not a valid email address (${who} "${cells.id}"). The row was skipped.`,
    );
  }
  let email: string | null = given.find(isEmail) ?? null;
  if (email === null && isEmail(cells.username.toLowerCase())) email = cells.username.toLowerCase();
  if (email === null && cells.role === "teacher") email = usernameEmail(cells.username, options.usernameEmailDomain);
  if (email === null && cells.role === "teacher") {
    return reject(
      columns.email,
      "no_teacher_email",
      cells.username
        ? `Teacher "${cells.id}" (${cells.firstName} ${cells.lastName}) has the username "${cells.username}" but no email. Set "Email domain for usernames" in Settings so usernames become addresses, or add the email in your SIS. The row was skipped.`
        : `Teacher "${cells.id}" (${cells.firstName} ${cells.lastName}) has no email. Add it in your SIS. The row was skipped.`,
    );
  }

  const person: SetPerson = {
    ref: cells.ref,
    role: cells.role,
    id: cells.id,
    staffId: cells.role === "teacher" ? (cells.staffId === undefined ? cells.id : cells.staffId) : null,
    firstName: cells.firstName,
    lastName: cells.lastName,
    email,
    grade: cells.grade === "" ? null : cells.grade,
    at,
  };
  const earlier = roster.people.get(cells.ref);
  if (earlier) {
    roster.duplicates += 1;
    return true;
  }
  const other = roster.peopleById.get(`${person.role}:${person.id}`);
  if (other) {
    {
      return reject(
        columns.id,
        "duplicate_id",
        `${who === "student" ? "Student" : "Staff"} id "${person.id}" is also used by the ${who} on ${other.at.file} row ${other.at.row}; one id is one person. The row was skipped.`,
      );
    }
  }
  roster.people.set(cells.ref, person);
  roster.peopleById.set(`${person.role}:${person.id}`, person);
  return true;
}

export type ClassCells = {
  classId: string;
  name: string;
  period: string;
  term: string;
  schoolRef: string;
  at: SetRef;
  columns: { classId: string; name: string; term: string; school: string };
};

/** Adds a class row; a blank id, name or term rejects it (its id is protected). */
export function addClass(roster: SetRoster, cells: ClassCells): boolean {
  const { at, columns } = cells;
  const reject = (column: string, message: string) => {
    roster.errorRows += 1;
    roster.issues.push(rowIssue(at.file, at.row, column, "blank_value", message));
    if (cells.classId !== "") roster.rejected.classes.add(cells.classId);
    return false;
  };
  if (cells.classId === "") return reject(columns.classId, "The class id is blank. The row was skipped.");
  if (cells.name === "") return reject(columns.name, `Class "${cells.classId}" has no name. The row was skipped.`);
  if (cells.term === "") return reject(columns.term, `Class "${cells.classId}" has no term. The row was skipped.`);
  if (cells.schoolRef === "")
    return reject(columns.school, `Class "${cells.classId}" has no school. The row was skipped.`);
  if (roster.classes.has(cells.classId)) {
    roster.duplicates += 1;
    return true;
  }
  roster.classes.set(cells.classId, {
    classId: cells.classId,
    name: cells.name,
    period: cells.period === "" ? null : cells.period,
    term: cells.term,
    schoolRef: cells.schoolRef,
    ref: at,
    schoolColumn: columns.school,
  });
  return true;
}

/** Adds a school (with its name, when the file gives one); a blank id is a row issue. */
export function addSchool(
  roster: SetRoster,
  school: { ref: string; schoolId: string; name: string },
  at: SetRef,
  column: string,
): boolean {
  const { ref, schoolId } = school;
  if (schoolId === "" || ref === "") {
    roster.errorRows += 1;
    roster.issues.push(
      rowIssue(at.file, at.row, column, "blank_value", "The school's id is blank. The row was skipped."),
    );
    if (ref !== "") roster.rejected.schools.add(ref);
    return false;
  }
  // A name that only repeats the id is no name: it is what a school without one is exported as
  // (lib/roster/oneroster-export.ts; OneRoster requires a name), and "0001 (0001)" tells nothing.
  // One line: a quoted cell's line breaks and tabs read as spaces (a name typed on the Schools tab
  // cannot hold them either).
  const written = school.name.replace(/\s+/g, " ").trim();
  const name = written === "" || written === schoolId || written === ref ? null : written;
  if (!roster.schools.has(ref)) roster.schools.set(ref, { schoolId, name, at });
  return true;
}

/** The error for a set without one of its required files. */
export function missingFile(format: string, name: string, holds: string): ImportFileError {
  return new ImportFileError(
    "missing_file",
    `This ${format} set has no ${name} (${holds}). Add ${name} to the set, or choose the format the files really are.`,
    { file: name },
  );
}
