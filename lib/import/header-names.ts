// The header names RosterSync recognises, per kind of file and field, and how strongly each one
// names its field: the alias data of the mapping step (map-headers.ts does the matching).
// Written the way SIS exports write them; matched after normalizeHeader(). Documented, name by
// name, in docs/header-names.md (a test keeps the two in step). Over 400 lines on purpose: it is
// a table of names, read top to bottom, and splitting it would only scatter the aliases.

import type { AnyField, ImportKind } from "./types";

/** Which person a table prefix says a column belongs to (`[05]First_Name`, `Students.First_Name`). */
export type Scope = "student" | "teacher";
/** A prefix naming a table of classes, terms or schools (`Sections.ID`): its bare ids and names are no person's. */
export type HeaderScope = Scope | "other";

// ---------------------------------------------------------------------------------------------
// Header names. Written the way SIS exports write them; matched after normalizeHeader().

const TERM = ["Term"];
const TERM_NAME = [
  "Term Name",
  "Term Title",
  "Term Abbreviation",
  "Terms.Name",
  "Terms.Abbreviation",
  "Session Name",
  "Academic Session",
  "Academic Session Name",
  "School Year Term",
];
const TERM_ID = [
  "Term ID",
  "Term Code",
  "Term Number",
  "Term SIS ID",
  "Term sourcedId",
  "termSourcedIds",
  "Session ID",
  "Academic Session ID",
  "Session",
];

const SCHOOL_NUMBER = ["School Number", "School No", "School Num"];
const SCHOOL_ID = [
  "School ID",
  "School SIS ID",
  "SIS School ID",
  "School sourcedId",
  "orgSourcedId",
  "orgSourcedIds",
  "School Identifier",
  "School ID Number",
  "Org ID",
  "Organization ID",
  "School Local ID",
];
const SCHOOL_CODE = [
  "School Code",
  "Building ID",
  "Building Code",
  "Building Number",
  "Site ID",
  "Site Code",
  "Site Number",
  "Location ID",
  "Location Code",
  "Campus ID",
  "Campus Code",
];
/** `Institution`: the school in North Carolina's state extracts (Amplify). */
const SCHOOL_WEAK = ["School", "Building", "Site", "Campus", "account_id", "Institution"];

const CLASS_NAME = ["Class Name", "Class Title"];
const SECTION_NAME = ["Section Name", "Section Title", "Course Section Name"];
const COURSE_NAME = ["Course Name", "Course Title", "long_name"];
const CLASS_NAME_WEAK = ["Class", "title", "short_name"];

const CLASS_ID = ["Class ID", "Class SIS ID", "SIS Class ID"];
const SECTION_ID = [
  "Section ID",
  "Section SIS ID",
  "SIS Section ID",
  "classSourcedId",
  "Section sourcedId",
  "Course Section ID",
  "Section Identifier",
  "Class Identifier",
  "Primary Class ID",
];
const CLASS_CODE = ["classCode", "Section Code", "Class Number", "Section DCID", "Section Key"];
const CLASS_ID_WEAK = ["Section Number", "Section No", "Section Num", "course_id", "Course SIS ID"];

const PERIOD = ["Period", "Class Period", "periods", "Section Period", "Course Period", "Per"];
const PERIOD_NAME = ["Period Name", "Period Number", "Period Code", "Period ID", "Period No", "Bell Period"];
const PERIOD_EXPRESSION = ["Expression", "Period Expression"];

const GRADE = ["Grade", "Grade Level", "grades", "Student Grade", "Student Grade Level"];
const GRADE_WEAK = [
  "Current Grade",
  "Current Grade Level",
  "Grade Level Code",
  "Grade Code",
  "Grade Level ID",
  "Grade Level Name",
  "Gr",
  "Grd",
  "Year Level",
  "Year Group",
];

const STUDENT_NUMBER = [
  "Student Number",
  "Student No",
  "Student Num",
  "Student Nbr",
  "LocalStudentID",
  "Student Local ID",
  "Local Student Number",
  "Student Local Number",
  "Student ID Number",
  "Pupil Number",
];
const STUDENT_ID = [
  "Student ID",
  "Student SIS ID",
  "SIS Student ID",
  "Student sourcedId",
  "Student Person ID",
  "Student Identifier",
  "Student Code",
  "Student User ID",
  "Student Key",
  "Pupil ID",
  "Primary Student ID",
  "Student Unique ID",
];
const STUDENT_STATE_ID = [
  "State Student ID",
  "State Student Number",
  "Student State ID",
  "Student State Number",
  "SSID",
];

const STAFF_NUMBER = [
  "Teacher Number",
  "Teacher No",
  "Teacher Num",
  "Staff Number",
  "Staff No",
  "Employee Number",
  "Employee No",
  "Teacher Local ID",
  "Staff Local ID",
  "Local Staff ID",
  "Local Teacher ID",
];
const STAFF_ID = [
  "Staff ID",
  "Teacher ID",
  "Teacher SIS ID",
  "Staff SIS ID",
  "SIS Teacher ID",
  "SIS Staff ID",
  "Teacher sourcedId",
  "Staff sourcedId",
  "teacherPersonID",
  "Staff Person ID",
  "Instructor ID",
  "Employee ID",
  "Teacher Identifier",
  "Staff Identifier",
  "Teacher User ID",
  "Teacher Code",
  "Staff Code",
  "Staff Unique ID",
  "Primary Staff ID",
];
const STAFF_STATE_ID = ["State Teacher ID", "State Staff ID", "Teacher State ID", "Staff State ID"];

/** Ids that name no person: the file's main entity (see the ambiguity rules). */
const BARE_IDENTIFIER = ["identifier"];
const BARE_STATE_ID = ["State ID", "State ID Number"];
const BARE_ID = [
  "ID",
  "sourcedId",
  "SIS ID",
  "user_id",
  "userSourcedId",
  "Person ID",
  "Local ID",
  "SIS User ID",
  "User SIS ID",
];

const STUDENT_FIRST = [
  "Student First",
  "Student First Name",
  "Student Given Name",
  "Student FName",
  "Student Legal First Name",
  "Stu First Name",
  "Stu First",
];
const STUDENT_LAST = [
  "Student Last",
  "Student Last Name",
  "Student Family Name",
  "Student Surname",
  "Student LName",
  "Student Legal Last Name",
  "Stu Last Name",
  "Stu Last",
];
const TEACHER_FIRST = [
  "Teacher First",
  "Teacher First Name",
  "Teacher Given Name",
  "Teacher FName",
  "Staff First",
  "Staff First Name",
  "Staff Given Name",
  "Instructor First",
  "Instructor First Name",
  "Tchr First Name",
];
const TEACHER_LAST = [
  "Teacher Last",
  "Teacher Last Name",
  "Teacher Family Name",
  "Teacher Surname",
  "Teacher LName",
  "Staff Last",
  "Staff Last Name",
  "Staff Family Name",
  "Instructor Last",
  "Instructor Last Name",
  "Tchr Last Name",
];
const BARE_FIRST = [
  "First",
  "First Name",
  "givenName",
  "FName",
  "Legal First Name",
  "Name First",
  "Forename",
  "User First Name",
];
const BARE_LAST = [
  "Last",
  "Last Name",
  "familyName",
  "Surname",
  "LName",
  "Legal Last Name",
  "Name Last",
  "User Last Name",
];

const STUDENT_EMAIL = ["Student Email", "Student Email Address", "Student Email Addr", "Student Mail", "Stu Email"];
const TEACHER_EMAIL = [
  "Teacher Email",
  "Teacher Email Address",
  "Teacher Email Addr",
  "Staff Email",
  "Staff Email Address",
  "Staff Email Addr",
  "Instructor Email",
  "Tchr Email",
];
const TEACHER_LOGIN = [
  "Teacher Username",
  "Staff Username",
  "Teacher Login ID",
  "Staff Login ID",
  "Teacher UPN",
  "Staff UPN",
];
const BARE_EMAIL = ["Email", "Email Address", "Email_Addr", "Mail", "Primary Email"];
/** Sign-in names: in Microsoft SDS and Canvas files the staff member's address is often only here. */
const BARE_LOGIN = ["Username", "login_id", "Login", "User Principal Name", "UPN", "Login Name"];
const BARE_SECONDARY_EMAIL = ["Secondary Email", "Alternate Email", "Alt Email"];

const TITLE = ["Title", "Job Title", "Position", "Position Title", "Staff Title", "Teacher Title"];

// ---------------------------------------------------------------------------------------------
// Per kind: which field each name gives, and how strongly (rank 1 is the strongest). A header
// with a person prefix (`[01]`, `Students.`, `[05]`, `Teachers.`) is looked up for that person
// first; `null` there means "this kind of file does not use that person's column".

export type Target = readonly [field: AnyField, rank: number] | null;
export type Rule = { names: readonly string[]; any: Target; student?: Target; teacher?: Target };

const gradeRules: Rule[] = [
  { names: GRADE, any: ["grade", 1] },
  { names: GRADE_WEAK, any: ["grade", 2] },
];

const schoolRules: Rule[] = [
  { names: SCHOOL_NUMBER, any: ["schoolId", 1] },
  { names: SCHOOL_ID, any: ["schoolId", 2] },
  { names: SCHOOL_CODE, any: ["schoolId", 3] },
  { names: SCHOOL_WEAK, any: ["schoolId", 4] },
];

export const RULES: Record<ImportKind, Rule[]> = {
  combined: [
    { names: TERM, any: ["term", 1] },
    { names: TERM_NAME, any: ["term", 2] },
    { names: TERM_ID, any: ["term", 3] },
    ...schoolRules,
    { names: CLASS_NAME, any: ["className", 1] },
    { names: SECTION_NAME, any: ["className", 2] },
    { names: COURSE_NAME, any: ["className", 3] },
    { names: CLASS_NAME_WEAK, any: ["className", 4] },
    { names: CLASS_ID, any: ["classId", 1] },
    { names: SECTION_ID, any: ["classId", 2] },
    { names: CLASS_CODE, any: ["classId", 3] },
    { names: CLASS_ID_WEAK, any: ["classId", 4] },
    { names: PERIOD, any: ["classPeriod", 1] },
    { names: PERIOD_NAME, any: ["classPeriod", 2] },
    { names: PERIOD_EXPRESSION, any: ["classPeriod", 3] },
    ...gradeRules,
    { names: STUDENT_NUMBER, any: ["studentId", 1] },
    { names: STUDENT_ID, any: ["studentId", 2] },
    { names: STUDENT_STATE_ID, any: ["studentId", 4] },
    { names: BARE_IDENTIFIER, any: ["studentId", 6], teacher: ["staffId", 6] },
    { names: BARE_STATE_ID, any: ["studentId", 4], teacher: ["staffId", 4] },
    { names: BARE_ID, any: ["studentId", 5], teacher: ["staffId", 5] },
    { names: STAFF_NUMBER, any: ["staffId", 1] },
    { names: STAFF_ID, any: ["staffId", 2] },
    { names: STAFF_STATE_ID, any: ["staffId", 4] },
    { names: STUDENT_FIRST, any: ["studentFirstName", 1] },
    { names: STUDENT_LAST, any: ["studentLastName", 1] },
    {
      names: BARE_FIRST,
      any: ["studentFirstName", 2],
      student: ["studentFirstName", 1],
      teacher: ["teacherFirstName", 1],
    },
    { names: BARE_LAST, any: ["studentLastName", 2], student: ["studentLastName", 1], teacher: ["teacherLastName", 1] },
    { names: TEACHER_FIRST, any: ["teacherFirstName", 1] },
    { names: TEACHER_LAST, any: ["teacherLastName", 1] },
    { names: STUDENT_EMAIL, any: ["studentEmail", 1] },
    { names: BARE_EMAIL, any: ["studentEmail", 2], student: ["studentEmail", 1], teacher: ["teacherEmail", 1] },
    { names: BARE_SECONDARY_EMAIL, any: ["studentEmail", 4], teacher: ["teacherEmail", 4] },
    { names: TEACHER_EMAIL, any: ["teacherEmail", 1] },
    { names: TEACHER_LOGIN, any: ["teacherEmail", 3] },
    { names: BARE_LOGIN, any: null, teacher: ["teacherEmail", 3] },
  ],
  staff: [
    ...schoolRules,
    { names: STAFF_NUMBER, any: ["staffId", 1] },
    { names: STAFF_ID, any: ["staffId", 2] },
    { names: BARE_IDENTIFIER, any: ["staffId", 6], student: null },
    { names: STAFF_STATE_ID, any: ["staffId", 4] },
    { names: BARE_STATE_ID, any: ["staffId", 4], student: null },
    { names: BARE_ID, any: ["staffId", 5], student: null },
    { names: TEACHER_FIRST, any: ["firstName", 1] },
    { names: BARE_FIRST, any: ["firstName", 2], student: null },
    { names: TEACHER_LAST, any: ["lastName", 1] },
    { names: BARE_LAST, any: ["lastName", 2], student: null },
    { names: TEACHER_EMAIL, any: ["email", 1] },
    { names: BARE_EMAIL, any: ["email", 2], student: null },
    { names: TEACHER_LOGIN, any: ["email", 3] },
    { names: BARE_LOGIN, any: ["email", 3], student: null },
    { names: BARE_SECONDARY_EMAIL, any: ["email", 4], student: null },
    { names: TITLE, any: ["title", 1] },
  ],
  students: [
    ...schoolRules,
    { names: STUDENT_NUMBER, any: ["studentId", 1] },
    { names: STUDENT_ID, any: ["studentId", 2] },
    { names: BARE_IDENTIFIER, any: ["studentId", 6], teacher: null },
    { names: STUDENT_STATE_ID, any: ["studentId", 4] },
    { names: BARE_STATE_ID, any: ["studentId", 4], teacher: null },
    { names: BARE_ID, any: ["studentId", 5], teacher: null },
    { names: STUDENT_FIRST, any: ["firstName", 1] },
    { names: BARE_FIRST, any: ["firstName", 2], student: ["firstName", 1], teacher: null },
    { names: STUDENT_LAST, any: ["lastName", 1] },
    { names: BARE_LAST, any: ["lastName", 2], student: ["lastName", 1], teacher: null },
    ...gradeRules,
    { names: STUDENT_EMAIL, any: ["email", 1] },
    { names: BARE_EMAIL, any: ["email", 2], student: ["email", 1], teacher: null },
    { names: BARE_SECONDARY_EMAIL, any: ["email", 4], teacher: null },
  ],
};

/** Names that mean a person only through the file's kind or a person prefix. */
export const BARE_PERSON_NAMES: readonly string[] = [
  BARE_IDENTIFIER,
  BARE_STATE_ID,
  BARE_ID,
  BARE_FIRST,
  BARE_LAST,
  BARE_EMAIL,
  BARE_LOGIN,
  BARE_SECONDARY_EMAIL,
].flat();

// ---------------------------------------------------------------------------------------------
// Table prefixes (`Students.`, `[05]`) and the person or table they name.

export const STUDENT_TABLES = new Set(["students", "student", "stu", "pupils", "pupil"]);
export const TEACHER_TABLES = new Set([
  "teachers",
  "teacher",
  "schoolstaff",
  "staff",
  "users",
  "tchr",
  "instructor",
  "instructors",
  "faculty",
]);
export const OTHER_TABLES = new Set([
  "cc",
  "sections",
  "section",
  "courses",
  "course",
  "terms",
  "term",
  "schools",
  "school",
]);
/** PowerSchool table numbers: 1 Students, 2 Courses, 3 Sections, 4 CC, 5 Teachers, 13 Terms, 39 Schools. */
export const TABLE_NUMBER_SCOPES: Record<number, HeaderScope> = {
  1: "student",
  2: "other",
  3: "other",
  4: "other",
  5: "teacher",
  13: "other",
  39: "other",
};
