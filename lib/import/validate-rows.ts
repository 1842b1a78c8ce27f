// Kept whole (~450 lines): each row's checks (required, formats, agreement with earlier rows) build one file.
import { z } from "zod";
import type { ColumnMap } from "./map-headers";
import { FIELD_LABELS, fieldsOf, type AnyField, type ImportIssue, type ImportKind } from "./types";
import {
  emptyValidatedFile,
  pairKey,
  type FileClass,
  type FileStaff,
  type FileStudent,
  type ValidatedFile,
} from "./validated-file";

// Step 2b: every data row becomes typed entities or row issues (docs/domain.md "What an import
// does"). Pure. A rejected row is skipped whole, but what it names is remembered so the plan
// protects it. Rows that contradict an earlier row are rejected; exact repeats count once.
// Over 400 lines on purpose: the three kinds' schemas and acceptors are one set of row rules
// (shared email, id and control-character checks) and read best side by side.

/** The rows to validate: a header mapping and a walk over the data rows. */
export type RowSource = {
  map: ColumnMap;
  /** Text files: a row must have as many cells as the header has columns. */
  headerWidth: number | null;
  /** `width` is the row's cell count as read, when `cells` was narrowed (staged rows). */
  eachRow: (onRow: (cells: string[], row: number, width?: number) => void) => void;
  eachRowAsync?: (
    onRow: (cells: string[], row: number) => void,
    onProgress?: (fraction: number) => void,
  ) => Promise<void>;
};

const label = (field: AnyField) => FIELD_LABELS[field];
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const required = (field: AnyField) =>
  z
    .string()
    .trim()
    .min(1, `${capital(label(field))} is blank.`);
const optional = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value));
const invalidEmail = {
  error: (issue: { input?: unknown }) => `"${String(issue.input)}" is not a valid email address.`,
};
const requiredEmail = (field: AnyField) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(
      z
        .string()
        .min(1, `${capital(label(field))} is blank.`)
        .pipe(z.email(invalidEmail)),
    );
const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => (value === "" ? null : value))
  .pipe(z.email(invalidEmail).nullable());

export const combinedRowSchema = z.object({
  term: required("term"),
  schoolId: required("schoolId"),
  className: required("className"),
  classId: required("classId"),
  studentFirstName: required("studentFirstName"),
  studentLastName: required("studentLastName"),
  studentId: required("studentId"),
  teacherFirstName: required("teacherFirstName"),
  teacherLastName: required("teacherLastName"),
  teacherEmail: requiredEmail("teacherEmail"),
  classPeriod: optional,
  staffId: optional,
  studentEmail: optionalEmail,
  grade: optional,
});
export type CombinedRow = z.infer<typeof combinedRowSchema>;

export const staffRowSchema = z.object({
  schoolId: required("schoolId"),
  firstName: required("firstName"),
  lastName: required("lastName"),
  email: requiredEmail("email"),
  staffId: optional,
  title: optional,
});
export type StaffRow = z.infer<typeof staffRowSchema>;

export const studentRowSchema = z.object({
  schoolId: required("schoolId"),
  studentId: required("studentId"),
  firstName: required("firstName"),
  lastName: required("lastName"),
  grade: optional,
  email: optionalEmail,
});
export type StudentRow = z.infer<typeof studentRowSchema>;

const schemas = { combined: combinedRowSchema, staff: staffRowSchema, students: studentRowSchema } as const;

/** How each field of a row schema reads a cell, for the fast path below. */
type FieldRule = "required" | "optional" | "requiredEmail" | "optionalEmail";
const RULES: Record<ImportKind, Record<string, FieldRule>> = {
  combined: {
    term: "required",
    schoolId: "required",
    className: "required",
    classId: "required",
    studentFirstName: "required",
    studentLastName: "required",
    studentId: "required",
    teacherFirstName: "required",
    teacherLastName: "required",
    teacherEmail: "requiredEmail",
    classPeriod: "optional",
    staffId: "optional",
    studentEmail: "optionalEmail",
    grade: "optional",
  },
  staff: {
    schoolId: "required",
    firstName: "required",
    lastName: "required",
    email: "requiredEmail",
    staffId: "optional",
    title: "optional",
  },
  students: {
    schoolId: "required",
    studentId: "required",
    firstName: "required",
    lastName: "required",
    grade: "optional",
    email: "optionalEmail",
  },
};

const emailSchema = z.email();
/** Emails already checked (a district has a few thousand teachers on a million rows); bounded. */
const checkedEmails = new Map<string, boolean>();
function isEmail(value: string): boolean {
  let valid = checkedEmails.get(value);
  if (valid === undefined) {
    valid = emailSchema.safeParse(value).success;
    if (checkedEmails.size >= 50_000) checkedEmails.clear();
    checkedEmails.set(value, valid);
  }
  return valid;
}

/**
 * The row schema's result for a row it accepts, without zod's per-row machinery (the same trim,
 * lower-casing and email check); null when a value would fail, and zod then gives the issues.
 */
export function parseValidRow(kind: ImportKind, values: Record<string, string>): Record<string, string | null> | null {
  const fields = Object.keys(RULES[kind]);
  return parseValidCells(
    fields,
    fields.map((field) => RULES[kind][field]!),
    fields.map((field) => values[field] ?? ""),
  );
}

/** parseValidRow on the row's values in `fields` order (validation's loop, no object per row). */
function parseValidCells(
  fields: readonly string[],
  rules: readonly FieldRule[],
  values: readonly string[],
): Record<string, string | null> | null {
  const parsed: Record<string, string | null> = {};
  for (let i = 0; i < fields.length; i++) {
    const rule = rules[i];
    const email = rule === "requiredEmail" || rule === "optionalEmail";
    let value = values[i]!.trim();
    if (email) value = value.toLowerCase();
    if (value === "") {
      if (rule === "required" || rule === "requiredEmail") return null;
      parsed[fields[i]!] = null;
    } else if (email && !isEmail(value)) return null;
    else parsed[fields[i]!] = value;
  }
  return parsed;
}

export function validateRows(source: RowSource): ValidatedFile {
  const validator = rowValidator(source);
  source.eachRow(validator.row);
  return validator.finish();
}

/** The same, letting the event loop run between chunks of rows (progress can be streamed). */
export async function validateRowsAsync(
  source: RowSource & { eachRowAsync: NonNullable<RowSource["eachRowAsync"]> },
  onProgress?: (fraction: number) => void,
): Promise<ValidatedFile> {
  const validator = rowValidator(source);
  await source.eachRowAsync(validator.row, onProgress);
  return validator.finish();
}

function rowValidator(source: RowSource) {
  const { map } = source;
  const kind = map.kind as ImportKind;
  const file = emptyValidatedFile(kind);
  const fields = fieldsOf(kind);
  const columns = map.columns as Partial<Record<AnyField, number>>;
  const header = (field: AnyField) => {
    const index = columns[field];
    return index === undefined ? label(field) : (map.headers[index] ?? label(field));
  };
  const accept = acceptors[kind]();
  const indexes = fields.map((field) => columns[field]);
  const rules = fields.map((field) => RULES[kind][field]!);
  // The row's value of each field, in `fields` order: one array for every row.
  const values: string[] = fields.map(() => "");
  const valuesByField = () =>
    Object.fromEntries(fields.map((field, i) => [field, values[i]!])) as Record<string, string>;
  let rowNumber = 0;
  const issue: Issue = (field, code, message) => ({
    row: rowNumber,
    column: field ? header(field) : null,
    severity: "error",
    code,
    message,
  });

  const row = (cells: string[], row: number, width = cells.length) => {
    file.rowCount += 1;
    rowNumber = row;
    for (let i = 0; i < indexes.length; i++) {
      const index = indexes[i];
      values[i] = index === undefined ? "" : (cells[index] ?? "");
    }

    if (source.headerWidth !== null && width !== source.headerWidth) {
      reject(file, kind, valuesByField(), [
        issue(
          null,
          "ragged_row",
          `This row has ${width} values but the header has ${source.headerWidth} columns; a delimiter is missing or extra (a comma inside a name must be quoted). The row was skipped.`,
        ),
      ]);
      return;
    }

    const control = controlCharacterIn(values, fields);
    if (control) {
      reject(file, kind, valuesByField(), [
        issue(
          control,
          "control_character",
          `${capital(label(control))} contains a control character (an invisible code such as NUL), which a name, id or email never holds; the export may be damaged. The row was skipped: remove the character and export again.`,
        ),
      ]);
      return;
    }

    const fast = parseValidCells(fields, rules, values);
    const parsed = fast ? { success: true as const, data: fast } : schemas[kind].safeParse(valuesByField());
    if (!parsed.success) {
      const rowIssues = parsed.error.issues.map((problem) => {
        const field = problem.path[0] as AnyField;
        return issue(field, problem.code === "too_small" ? "blank_value" : "invalid_value", problem.message);
      });
      reject(file, kind, valuesByField(), rowIssues);
      return;
    }

    const outcome = accept(file, parsed.data as never, row, issue);
    if (outcome === "repeat") file.duplicateRows += 1;
    else if (outcome !== "new") reject(file, kind, valuesByField(), [outcome]);
  };
  return { row, finish: () => finish(file) };
}

// C0 control characters other than tab, line feed and carriage return, and DEL. NUL cannot be
// stored in PostgreSQL text at all; the others are never part of a name, id or email.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function controlCharacterIn(values: readonly string[], fields: readonly AnyField[]): AnyField | null {
  for (let i = 0; i < fields.length; i++) if (values[i] !== "" && CONTROL_CHARACTER.test(values[i]!)) return fields[i]!;
  return null;
}

function finish(file: ValidatedFile): ValidatedFile {
  if (file.duplicateRows > 0) {
    file.issues.push({
      row: null,
      column: null,
      severity: "warning",
      code: "duplicate_rows",
      message: `${file.duplicateRows} ${file.duplicateRows === 1 ? "row repeats" : "rows repeat"} an earlier row exactly; each was counted once.`,
    });
  }
  file.issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return file;
}

type Issue = (field: AnyField | null, code: string, message: string) => ImportIssue;
/**
 * Adds an accepted row's entities. Answers the contradiction (the row is rejected), "repeat"
 * when the row names only what earlier rows did (same class + student + teacher, or same person
 * + school: every other field must agree or it would contradict), else "new".
 */
type Acceptor<Row> = (file: ValidatedFile, row: Row, rowNumber: number, issue: Issue) => ImportIssue | "repeat" | "new";

/** Remembers what a rejected row names (raw, trimmed values) and records its issues. */
function reject(file: ValidatedFile, kind: ImportKind, values: Record<string, string>, issues: ImportIssue[]) {
  file.errorRows += 1;
  file.issues.push(...issues);
  const v = (field: string) => values[field]?.trim() ?? "";
  const p = file.protected;
  const schoolId = v("schoolId");
  if (kind === "combined") {
    const classId = v("classId");
    const studentId = v("studentId");
    const teacherEmail = v("teacherEmail").toLowerCase();
    const staffId = v("staffId");
    if (classId) p.classes.add(classId);
    if (studentId) p.students.add(studentId);
    if (teacherEmail) p.staffEmails.add(teacherEmail);
    if (staffId) p.staffIds.add(staffId);
    if (classId && studentId) p.enrollments.add(pairKey(classId, studentId));
    if (classId && teacherEmail) p.assignments.add(pairKey(classId, teacherEmail));
    if (classId && staffId) p.assignments.add(pairKey(classId, `#${staffId}`));
  } else if (kind === "students") {
    const studentId = v("studentId");
    if (studentId) p.students.add(studentId);
    if (studentId && schoolId) p.memberships.add(pairKey(studentId, schoolId));
  } else {
    const staffEmail = v("email").toLowerCase();
    const staffId = v("staffId");
    if (staffEmail) p.staffEmails.add(staffEmail);
    if (staffId) p.staffIds.add(staffId);
    if (staffEmail && schoolId) p.memberships.add(pairKey(staffEmail, schoolId));
    if (staffId && schoolId) p.memberships.add(pairKey(`#${staffId}`, schoolId));
  }
}

/** A student's fields must agree with the earlier rows that name the same student id. */
function checkStudent(earlier: FileStudent | undefined, next: FileStudent, issue: Issue, fields: StudentFields) {
  if (!earlier) return null;
  if (earlier.firstName !== next.firstName || earlier.lastName !== next.lastName) {
    return issue(
      fields.first,
      "conflicting_student",
      `Student ID "${next.studentId}" is "${earlier.firstName} ${earlier.lastName}" on row ${earlier.row} but "${next.firstName} ${next.lastName}" here; rows for one student must agree. The row was skipped.`,
    );
  }
  for (const key of ["email", "grade"] as const) {
    const field = fields[key];
    if (earlier[key] !== null && next[key] !== null && earlier[key] !== next[key]) {
      return issue(
        field,
        "conflicting_student",
        `Student ID "${next.studentId}" has ${label(field)} "${earlier[key]}" on row ${earlier.row} but "${next[key]}" here; rows for one student must agree. The row was skipped.`,
      );
    }
  }
  return null;
}

/** One staff member (by email, and by staff id when given) must read the same on every row. */
function checkStaff(
  file: ValidatedFile,
  earlier: FileStaff | undefined,
  next: FileStaff,
  issue: Issue,
  fields: StaffFields,
) {
  if (earlier) {
    if (earlier.firstName !== next.firstName || earlier.lastName !== next.lastName) {
      return issue(
        fields.first,
        "conflicting_staff",
        `${capital(label(fields.email))} "${next.email}" is "${earlier.firstName} ${earlier.lastName}" on row ${earlier.row} but "${next.firstName} ${next.lastName}" here; rows for one teacher must agree. The row was skipped.`,
      );
    }
    if (earlier.staffId !== null && next.staffId !== null && earlier.staffId !== next.staffId) {
      return issue(
        fields.staffId,
        "conflicting_staff",
        `${capital(label(fields.email))} "${next.email}" has staff id "${earlier.staffId}" on row ${earlier.row} but "${next.staffId}" here. The row was skipped.`,
      );
    }
  }
  const other = next.staffId === null ? undefined : file.staffByStaffId.get(next.staffId);
  if (other && other.email !== next.email) {
    return issue(
      fields.staffId,
      "conflicting_staff",
      `Staff id "${next.staffId}" belongs to ${other.email} on row ${other.row} but to ${next.email} here; one staff id is one person. The row was skipped.`,
    );
  }
  return null;
}

/** Adds or completes the staff member; answers the one kept. */
function addStaff(file: ValidatedFile, earlier: FileStaff | undefined, next: FileStaff): FileStaff {
  const kept = earlier ?? next;
  if (!earlier) file.staff.set(next.email, next);
  else {
    earlier.staffId ??= next.staffId;
    earlier.title ??= next.title;
  }
  if (kept.staffId !== null) file.staffByStaffId.set(kept.staffId, kept);
  return kept;
}

/** Adds or completes the student; answers the one kept. */
function addStudent(file: ValidatedFile, earlier: FileStudent | undefined, next: FileStudent): FileStudent {
  if (!earlier) {
    file.students.set(next.studentId, next);
    return next;
  }
  earlier.email ??= next.email;
  earlier.grade ??= next.grade;
  return earlier;
}

type StudentFields = { first: AnyField; last: AnyField; email: AnyField; grade: AnyField };
type StaffFields = { first: AnyField; email: AnyField; staffId: AnyField };
const COMBINED_STUDENT: StudentFields = {
  first: "studentFirstName",
  last: "studentLastName",
  email: "studentEmail",
  grade: "grade",
};
const COMBINED_TEACHER: StaffFields = { first: "teacherFirstName", email: "teacherEmail", staffId: "staffId" };
const STUDENT: StudentFields = { first: "firstName", last: "lastName", email: "email", grade: "grade" };
const STAFF: StaffFields = { first: "firstName", email: "email", staffId: "staffId" };
const CLASS_FIELDS = [
  ["name", "className"],
  ["period", "classPeriod"],
  ["term", "term"],
  ["schoolId", "schoolId"],
] as const;

/** One file's combined rows (a new acceptor per file: it remembers the last row's link). */
function combinedAcceptor(): Acceptor<CombinedRow> {
  // Rows of one class and teacher usually come together: the last assignment seen needs no key.
  let lastClassId: string | null = null;
  let lastEmail: string | null = null;
  return (file, r, row, issue) => {
    const klass: FileClass = {
      classId: r.classId,
      name: r.className,
      period: r.classPeriod,
      term: r.term,
      schoolId: r.schoolId,
      row,
    };
    const earlierClass = file.classes.get(r.classId);
    if (earlierClass) {
      for (const [key, field] of CLASS_FIELDS) {
        if (earlierClass[key] !== klass[key]) {
          return issue(
            field,
            "conflicting_class",
            `Class ID "${r.classId}" has ${label(field)} "${earlierClass[key] ?? ""}" on row ${earlierClass.row} but "${klass[key] ?? ""}" here; rows for one class must agree. The row was skipped.`,
          );
        }
      }
    }
    const student: FileStudent = {
      studentId: r.studentId,
      firstName: r.studentFirstName,
      lastName: r.studentLastName,
      email: r.studentEmail,
      grade: r.grade,
      row,
    };
    const teacher: FileStaff = {
      email: r.teacherEmail,
      staffId: r.staffId,
      firstName: r.teacherFirstName,
      lastName: r.teacherLastName,
      title: null,
      row,
    };
    const earlierStudent = file.students.get(r.studentId);
    const earlierTeacher = file.staff.get(r.teacherEmail);
    const conflict =
      checkStudent(earlierStudent, student, issue, COMBINED_STUDENT) ??
      checkStaff(file, earlierTeacher, teacher, issue, COMBINED_TEACHER);
    if (conflict) return conflict;

    file.schools.add(r.schoolId);
    file.terms.add(r.term);
    if (!earlierClass) file.classes.set(r.classId, klass);
    // Links are made of the strings the class, student and teacher already keep (one copy of an
    // id per entity, not per row: a million rows hold a million links).
    const classId = (earlierClass ?? klass).classId;
    const studentId = addStudent(file, earlierStudent, student).studentId;
    const email = addStaff(file, earlierTeacher, teacher).email;
    if (classId !== lastClassId || email !== lastEmail) {
      const assignment = pairKey(classId, email);
      if (!file.assignments.has(assignment)) file.assignments.set(assignment, row);
      lastClassId = classId;
      lastEmail = email;
    }
    // An enrollment remembers its rows' teachers, so an exact repeat costs no extra link; links
    // are held compactly by the ids' indices (EnrollmentLinks), with no key string per link.
    const teachers = file.enrollments.teachersOf(classId, studentId);
    if (teachers === undefined) file.enrollments.setTeachers(classId, studentId, email);
    else if (teachers === email || (Array.isArray(teachers) && teachers.includes(email))) return "repeat";
    else
      file.enrollments.setTeachers(
        classId,
        studentId,
        Array.isArray(teachers) ? [...teachers, email] : [teachers, email],
      );
    return "new";
  };
}

const acceptStaff: Acceptor<StaffRow> = (file, r, row, issue) => {
  const person: FileStaff = {
    email: r.email,
    staffId: r.staffId,
    firstName: r.firstName,
    lastName: r.lastName,
    title: r.title,
    row,
  };
  const earlier = file.staff.get(r.email);
  const conflict = checkStaff(file, earlier, person, issue, STAFF);
  if (conflict) return conflict;
  file.schools.add(r.schoolId);
  addStaff(file, earlier, person);
  const membership = pairKey(r.email, r.schoolId);
  if (file.memberships.has(membership)) return "repeat";
  file.memberships.set(membership, row);
  return "new";
};

const acceptStudent: Acceptor<StudentRow> = (file, r, row, issue) => {
  const student: FileStudent = {
    studentId: r.studentId,
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.email,
    grade: r.grade,
    row,
  };
  const earlier = file.students.get(r.studentId);
  const conflict = checkStudent(earlier, student, issue, STUDENT);
  if (conflict) return conflict;
  file.schools.add(r.schoolId);
  addStudent(file, earlier, student);
  const membership = pairKey(r.studentId, r.schoolId);
  if (file.memberships.has(membership)) return "repeat";
  file.memberships.set(membership, row);
  return "new";
};

const acceptors: Record<ImportKind, () => Acceptor<never>> = {
  combined: () => combinedAcceptor() as Acceptor<never>,
  staff: () => acceptStaff as Acceptor<never>,
  students: () => acceptStudent as Acceptor<never>,
};
