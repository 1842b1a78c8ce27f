import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  columnLetter,
  guessKind,
  guessMapping,
  looksLikeHeader,
  mapHeaders,
  normalizeHeader,
  recognisedHeaders,
} from "./map-headers";
import { FIELDS, IMPORT_KINDS, ImportFileError, type ImportKind } from "./types";

/** field → header as written, for readable expectations. */
function mapped(header: string[], kind: ImportKind, saved?: Record<string, string> | null) {
  const { map, issues } = mapHeaders(header, kind, saved);
  const byField = Object.fromEntries(
    Object.entries(map.columns).map(([field, index]) => [field, header[index as number]]),
  );
  return { byField, issues, map };
}

function fileError(run: () => unknown): ImportFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error("expected an ImportFileError");
}

function expectAllRequired(byField: Record<string, unknown>, kind: ImportKind) {
  for (const field of FIELDS[kind].required) expect(byField[field], field).toBeDefined();
}

describe("normalizeHeader", () => {
  it("ignores case, spaces, _, -, . and surrounding quotes and a BOM", () => {
    for (const header of [
      "Student ID",
      "student_id",
      "STUDENT-ID",
      "Student.ID",
      "StudentID",
      ' "Student ID" ',
      "\uFEFFStudent ID",
    ]) {
      expect(normalizeHeader(header)).toBe("studentid");
    }
  });
  it("strips PowerSchool table prefixes", () => {
    expect(normalizeHeader("[01]Student_Number")).toBe("studentnumber");
    expect(normalizeHeader("[05]Teacher_Email")).toBe("teacheremail");
    expect(normalizeHeader("CC.SectionID")).toBe("sectionid");
    expect(normalizeHeader("Students.First_Name")).toBe("firstname");
    expect(normalizeHeader("U_DEF.Student_Email")).toBe("studentemail");
    expect(normalizeHeader("[1] Students.Grade_Level")).toBe("gradelevel");
  });
  it("reads # as number", () => {
    expect(normalizeHeader("Student #")).toBe("studentnumber");
  });
});

describe("columnLetter", () => {
  it("counts like a spreadsheet", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });
});

describe("combined files from each SIS", () => {
  it("GradeCam / Gradient", () => {
    const header = [
      "Term",
      "School ID",
      "Class Name",
      "Class ID",
      "Class Period",
      "Student First",
      "Student Last",
      "Student ID",
      "Teacher First",
      "Teacher Last",
      "Teacher Email",
      "Staff ID",
      "Student Email",
      "Grade",
    ];
    const { byField, issues, map } = mapped(header, "combined");
    expect(map.columns).toEqual({
      term: 0,
      schoolId: 1,
      className: 2,
      classId: 3,
      classPeriod: 4,
      studentFirstName: 5,
      studentLastName: 6,
      studentId: 7,
      teacherFirstName: 8,
      teacherLastName: 9,
      teacherEmail: 10,
      staffId: 11,
      studentEmail: 12,
      grade: 13,
    });
    expect(map.kind).toBe("combined");
    expect(map.headers).toEqual(header);
    expectAllRequired(byField, "combined");
    expect(issues).toEqual([]);
  });

  it("Clever (sections joined with enrollments, teachers and students)", () => {
    const { byField, issues } = mapped(
      [
        "School_id",
        "Section_id",
        "Section_name",
        "Course_name",
        "Period",
        "Term_name",
        "Teacher_id",
        "Teacher_first_name",
        "Teacher_last_name",
        "Teacher_email",
        "Student_id",
        "Student_first_name",
        "Student_last_name",
        "Student_email",
        "Grade",
      ],
      "combined",
    );
    expectAllRequired(byField, "combined");
    expect(byField).toMatchObject({
      term: "Term_name",
      className: "Section_name",
      classId: "Section_id",
      classPeriod: "Period",
      studentId: "Student_id",
      staffId: "Teacher_id",
      teacherEmail: "Teacher_email",
    });
    expect(issues.map((issue) => issue.code)).toEqual(["ambiguous_column"]);
    expect(issues[0]?.message).toBe(
      'Used "Section_name" (column C) for the class name and ignored "Course_name" (column D); save a column mapping to use another column.',
    );
  });

  it("OneRoster v1.1 (classes and enrollments flattened)", () => {
    const { byField } = mapped(
      [
        "classSourcedId",
        "title",
        "classCode",
        "periods",
        "termSourcedIds",
        "orgSourcedIds",
        "userSourcedId",
        "givenName",
        "familyName",
        "email",
        "grades",
        "teacherSourcedId",
        "teacherGivenName",
        "teacherFamilyName",
        "teacherEmail",
      ],
      "combined",
    );
    expectAllRequired(byField, "combined");
    expect(byField).toEqual({
      term: "termSourcedIds",
      schoolId: "orgSourcedIds",
      className: "title",
      classId: "classSourcedId",
      classPeriod: "periods",
      studentFirstName: "givenName",
      studentLastName: "familyName",
      studentId: "userSourcedId",
      studentEmail: "email",
      grade: "grades",
      staffId: "teacherSourcedId",
      teacherFirstName: "teacherGivenName",
      teacherLastName: "teacherFamilyName",
      teacherEmail: "teacherEmail",
    });
  });

  it("Microsoft SDS", () => {
    const { byField, issues } = mapped(
      [
        "School SIS ID",
        "Section SIS ID",
        "Section Name",
        "Term Name",
        "Period",
        "Teacher SIS ID",
        "Teacher First Name",
        "Teacher Last Name",
        "Teacher Username",
        "Student SIS ID",
        "First Name",
        "Last Name",
        "Grade",
      ],
      "combined",
    );
    expectAllRequired(byField, "combined");
    expect(byField).toMatchObject({
      schoolId: "School SIS ID",
      classId: "Section SIS ID",
      studentId: "Student SIS ID",
      studentFirstName: "First Name",
      teacherEmail: "Teacher Username",
      staffId: "Teacher SIS ID",
    });
    expect(issues).toEqual([]);
  });

  it("PowerSchool (CC export with table prefixes)", () => {
    const { byField, issues } = mapped(
      [
        "[01]Student_Number",
        "[01]First_Name",
        "[01]Last_Name",
        "[01]SchoolID",
        "[01]Grade_Level",
        "[01]Student_Web_ID",
        "[02]Course_Name",
        "[03]Section_Number",
        "CC.SectionID",
        "CC.TermID",
        "CC.Expression",
        "[05]Teacher_Number",
        "CC.TeacherID",
        "[05]First_Name",
        "[05]Last_Name",
        "[05]Email_Addr",
      ],
      "combined",
    );
    expectAllRequired(byField, "combined");
    expect(byField).toEqual({
      term: "CC.TermID",
      schoolId: "[01]SchoolID",
      className: "[02]Course_Name",
      classId: "CC.SectionID",
      classPeriod: "CC.Expression",
      studentFirstName: "[01]First_Name",
      studentLastName: "[01]Last_Name",
      studentId: "[01]Student_Number",
      teacherFirstName: "[05]First_Name",
      teacherLastName: "[05]Last_Name",
      teacherEmail: "[05]Email_Addr",
      staffId: "[05]Teacher_Number",
      grade: "[01]Grade_Level",
    });
    expect(issues.map((issue) => issue.message)).toEqual([
      'Used "CC.SectionID" (column I) for the class id and ignored "[03]Section_Number" (column H); save a column mapping to use another column.',
      'Used "[05]Teacher_Number" (column L) for the staff id and ignored "CC.TeacherID" (column M); save a column mapping to use another column.',
      'Ignored 1 column this kind of file does not use: "[01]Student_Web_ID".',
    ]);
  });

  it("PowerSchool with Students. / Teachers. qualifiers", () => {
    const { byField, issues } = mapped(
      [
        "Students.Student_Number",
        "Students.First_Name",
        "Students.Last_Name",
        "Teachers.First_Name",
        "Teachers.Last_Name",
        "Teachers.Email_Addr",
        "Sections.SchoolID",
        "Courses.Course_Name",
        "CC.SectionID",
        "Sections.ID",
        "Terms.Abbreviation",
        "Sections.TermID",
      ],
      "combined",
    );
    expectAllRequired(byField, "combined");
    expect(byField).toMatchObject({
      studentFirstName: "Students.First_Name",
      teacherFirstName: "Teachers.First_Name",
      teacherEmail: "Teachers.Email_Addr",
      studentId: "Students.Student_Number",
      classId: "CC.SectionID",
      term: "Terms.Abbreviation",
    });
    // The readable term beats the numeric TermID; a bare id of a class table is no person's id.
    expect(issues).toEqual([
      expect.objectContaining({ code: "ambiguous_column", column: "Sections.TermID" }),
      expect.objectContaining({
        code: "unknown_columns",
        message: 'Ignored 1 column this kind of file does not use: "Sections.ID".',
      }),
    ]);
  });

  it("Infinite Campus", () => {
    const { byField, issues } = mapped(
      [
        "studentNumber",
        "firstName",
        "lastName",
        "schoolID",
        "grade",
        "sectionID",
        "courseName",
        "periodName",
        "termName",
        "teacherPersonID",
        "staffNumber",
        "teacherFirstName",
        "teacherLastName",
        "teacherEmail",
      ],
      "combined",
    );
    expectAllRequired(byField, "combined");
    expect(byField).toMatchObject({
      studentId: "studentNumber",
      classPeriod: "periodName",
      term: "termName",
      staffId: "staffNumber",
    });
    expect(issues.map((issue) => issue.column)).toEqual(["teacherPersonID"]);
  });

  it("Canvas SIS import", () => {
    const { byField, issues } = mapped(
      [
        "term_id",
        "account_id",
        "course_id",
        "section_id",
        "short_name",
        "long_name",
        "user_id",
        "login_id",
        "first_name",
        "last_name",
        "email",
        "teacher_user_id",
        "teacher_first_name",
        "teacher_last_name",
        "teacher_email",
      ],
      "combined",
    );
    expectAllRequired(byField, "combined");
    expect(byField).toMatchObject({
      term: "term_id",
      schoolId: "account_id",
      classId: "section_id",
      className: "long_name",
      studentId: "user_id",
      studentEmail: "email",
      staffId: "teacher_user_id",
    });
    expect(issues.map((issue) => issue.message)).toEqual([
      'Used "long_name" (column F) for the class name and ignored "short_name" (column E); save a column mapping to use another column.',
      'Used "section_id" (column D) for the class id and ignored "course_id" (column C); save a column mapping to use another column.',
      'Ignored 1 column this kind of file does not use: "login_id".',
    ]);
  });
});

describe("staff files from each SIS", () => {
  it("GradeCam / Gradient", () => {
    const { map } = mapped(
      ["School ID", "Staff ID", "Teacher First", "Teacher Last", "Teacher Email", "Title"],
      "staff",
    );
    expect(map.columns).toEqual({ schoolId: 0, staffId: 1, firstName: 2, lastName: 3, email: 4, title: 5 });
  });
  it("Clever teachers.csv", () => {
    const { byField, issues } = mapped(
      ["School_id", "Teacher_id", "Teacher_number", "Teacher_email", "First_name", "Last_name", "Title"],
      "staff",
    );
    expect(byField).toEqual({
      schoolId: "School_id",
      staffId: "Teacher_number",
      firstName: "First_name",
      lastName: "Last_name",
      email: "Teacher_email",
      title: "Title",
    });
    expect(issues).toEqual([
      {
        row: 1,
        column: "Teacher_id",
        severity: "warning",
        code: "ambiguous_column",
        message:
          'Used "Teacher_number" (column C) for the staff id and ignored "Teacher_id" (column B); save a column mapping to use another column.',
      },
    ]);
  });
  it("OneRoster v1.1 users.csv", () => {
    const { byField } = mapped(
      ["sourcedId", "status", "orgSourcedIds", "role", "username", "givenName", "familyName", "identifier", "email"],
      "staff",
    );
    expect(byField).toEqual({
      schoolId: "orgSourcedIds",
      staffId: "sourcedId",
      firstName: "givenName",
      lastName: "familyName",
      email: "email",
    });
  });
  it("Microsoft SDS Teacher.csv (the address is the Username)", () => {
    const { byField, issues } = mapped(
      ["SIS ID", "School SIS ID", "Username", "First Name", "Last Name", "Title"],
      "staff",
    );
    expect(byField).toEqual({
      schoolId: "School SIS ID",
      staffId: "SIS ID",
      firstName: "First Name",
      lastName: "Last Name",
      email: "Username",
      title: "Title",
    });
    expect(issues).toEqual([]);
  });
  it("PowerSchool", () => {
    const { byField } = mapped(
      ["[05]SchoolID", "[05]Teacher_Number", "[05]ID", "[05]First_Name", "[05]Last_Name", "[05]Email_Addr"],
      "staff",
    );
    expect(byField).toEqual({
      schoolId: "[05]SchoolID",
      staffId: "[05]Teacher_Number",
      firstName: "[05]First_Name",
      lastName: "[05]Last_Name",
      email: "[05]Email_Addr",
    });
  });
  it("Infinite Campus", () => {
    const { byField } = mapped(["schoolID", "staffNumber", "firstName", "lastName", "teacherEmail", "title"], "staff");
    expect(byField).toMatchObject({ schoolId: "schoolID", staffId: "staffNumber", email: "teacherEmail" });
    expectAllRequired(byField, "staff");
  });
  it("Canvas users.csv", () => {
    const { byField } = mapped(["user_id", "login_id", "first_name", "last_name", "email", "account_id"], "staff");
    expect(byField).toEqual({
      schoolId: "account_id",
      staffId: "user_id",
      firstName: "first_name",
      lastName: "last_name",
      email: "email",
    });
  });
});

describe("students files from each SIS", () => {
  it("GradeCam / Gradient", () => {
    const { map, issues } = mapped(
      ["School ID", "Student ID", "Student First", "Student Last", "Grade", "Student Email"],
      "students",
    );
    expect(map.columns).toEqual({ schoolId: 0, studentId: 1, firstName: 2, lastName: 3, grade: 4, email: 5 });
    expect(issues).toEqual([]);
  });
  it("Clever students.csv", () => {
    const { byField, issues } = mapped(
      ["School_id", "Student_id", "Student_number", "State_id", "Last_name", "First_name", "Grade", "Student_email"],
      "students",
    );
    expect(byField).toEqual({
      schoolId: "School_id",
      studentId: "Student_number",
      firstName: "First_name",
      lastName: "Last_name",
      grade: "Grade",
      email: "Student_email",
    });
    expect(issues.map((issue) => issue.message)).toEqual([
      'Used "Student_number" (column C) for the student id and ignored "Student_id" (column B) and "State_id" (column D); save a column mapping to use another column.',
    ]);
  });
  it("OneRoster v1.1 users.csv", () => {
    const { byField } = mapped(
      ["sourcedId", "orgSourcedIds", "role", "username", "givenName", "familyName", "identifier", "email", "grades"],
      "students",
    );
    expect(byField).toEqual({
      schoolId: "orgSourcedIds",
      studentId: "sourcedId",
      firstName: "givenName",
      lastName: "familyName",
      email: "email",
      grade: "grades",
    });
  });
  it("Microsoft SDS Student.csv", () => {
    const { byField, issues } = mapped(
      ["SIS ID", "School SIS ID", "Username", "First Name", "Last Name", "Grade", "Student Number", "State ID"],
      "students",
    );
    expect(byField).toEqual({
      schoolId: "School SIS ID",
      studentId: "Student Number",
      firstName: "First Name",
      lastName: "Last Name",
      grade: "Grade",
    });
    // A student's Username is a sign-in name, not necessarily an address: not the email.
    expect(issues.at(-1)?.message).toBe('Ignored 1 column this kind of file does not use: "Username".');
  });
  it("PowerSchool", () => {
    const { byField } = mapped(
      [
        "[01]Student_Number",
        "[01]First_Name",
        "[01]Last_Name",
        "[01]SchoolID",
        "[01]Grade_Level",
        "[01]Student_Web_ID",
        "U_DEF.Student_Email",
      ],
      "students",
    );
    expect(byField).toEqual({
      schoolId: "[01]SchoolID",
      studentId: "[01]Student_Number",
      firstName: "[01]First_Name",
      lastName: "[01]Last_Name",
      grade: "[01]Grade_Level",
      email: "U_DEF.Student_Email",
    });
  });
  it("Infinite Campus", () => {
    const { byField } = mapped(
      ["studentNumber", "personID", "firstName", "lastName", "schoolID", "grade", "email"],
      "students",
    );
    expect(byField).toMatchObject({ studentId: "studentNumber", schoolId: "schoolID", email: "email" });
    expectAllRequired(byField, "students");
  });
  it("Canvas users.csv", () => {
    const { byField } = mapped(["user_id", "login_id", "first_name", "last_name", "email", "account_id"], "students");
    expect(byField).toEqual({
      schoolId: "account_id",
      studentId: "user_id",
      firstName: "first_name",
      lastName: "last_name",
      email: "email",
    });
  });
  it("the usual spellings of a student id all give the student id", () => {
    for (const name of ["Student_Number", "StudentID", "Student ID", "SIS ID", "sourcedId", "LocalStudentID"]) {
      expect(mapped(["School ID", name, "First", "Last"], "students").byField.studentId).toBe(name);
    }
  });
});

describe("header names districts use", () => {
  it("School Year Term, Per, Section ID, Course Title, Student Number, Teacher Email Address", () => {
    const header = [
      "School Year Term",
      "School ID",
      "Per",
      "Section ID",
      "Course Title",
      "Student Number",
      "Student First Name",
      "Student Last Name",
      "Teacher First Name",
      "Teacher Last Name",
      "Teacher Email Address",
    ];
    const { byField, issues } = mapped(header, "combined");
    expect(byField).toEqual({
      term: "School Year Term",
      schoolId: "School ID",
      classPeriod: "Per",
      classId: "Section ID",
      className: "Course Title",
      studentId: "Student Number",
      studentFirstName: "Student First Name",
      studentLastName: "Student Last Name",
      teacherFirstName: "Teacher First Name",
      teacherLastName: "Teacher Last Name",
      teacherEmail: "Teacher Email Address",
    });
    expect(issues).toEqual([]);
  });
  it("Illuminate's numbered columns", () => {
    const { byField } = mapped(
      ["01 Student ID", "03 Student Last Name", "04 Student First Name", "07 Section ID", "08 Site ID"],
      "students",
    );
    expect(byField).toEqual({
      studentId: "01 Student ID",
      lastName: "03 Student Last Name",
      firstName: "04 Student First Name",
      schoolId: "08 Site ID",
    });
    const staff = mapped(
      ["01 User ID", "02 User Last Name", "03 User First Name", "07 Email Address", "Site ID"],
      "staff",
    ).byField;
    expect(staff).toEqual({
      staffId: "01 User ID",
      lastName: "02 User Last Name",
      firstName: "03 User First Name",
      email: "07 Email Address",
      schoolId: "Site ID",
    });
  });
  it("a number before an unknown name is kept", () => {
    expect(normalizeHeader("10 Minute Drills")).toBe("10minutedrills");
    expect(normalizeHeader("01 Student ID")).toBe("studentid");
  });
  it("North Carolina state extracts (Amplify)", () => {
    expect(
      mapped(["Institution", "Primary Student ID", "First Name", "Last Name", "Grade", "email"], "students").byField,
    ).toEqual({
      schoolId: "Institution",
      studentId: "Primary Student ID",
      firstName: "First Name",
      lastName: "Last Name",
      grade: "Grade",
      email: "email",
    });
    expect(
      mapped(["Institution", "Primary Staff ID", "Last Name", "First Name", "Email"], "staff").byField,
    ).toMatchObject({ schoolId: "Institution", staffId: "Primary Staff ID" });
    expect(guessMapping(["Primary Class ID", "Class Name"], "combined")).toEqual({
      classId: "Primary Class ID",
      className: "Class Name",
    });
  });
  it("Aspen, EdVal and GradeCam spellings", () => {
    expect(mapped(["school_local_id", "Teacher code", "First", "Last", "Email"], "staff").byField).toMatchObject({
      schoolId: "school_local_id",
      staffId: "Teacher code",
    });
    expect(mapped(["School ID", "Staff Unique ID", "First", "Last", "Email"], "staff").byField.staffId).toBe(
      "Staff Unique ID",
    );
  });
  it("names that could mean two fields stay a mapping question", () => {
    for (const name of ["User ID", "UserCode", "Course Code", "Academic Year", "person_number"]) {
      const guess = guessMapping(
        ["School ID", name, "Class Name", "Student Number", "Student First", "Student Last"],
        "combined",
      );
      expect(Object.values(guess), name).not.toContain(name);
    }
  });
});

describe("case, spaces and punctuation", () => {
  it("match whatever way a header is written", () => {
    const { map } = mapped(
      ["SCHOOL_ID", "student-number", " first.name ", "LastName", "grade level", '"E-Mail"'],
      "students",
    );
    expect(map.columns).toEqual({ schoolId: 0, studentId: 1, firstName: 2, lastName: 3, grade: 4, email: 5 });
  });
  it("a BOM on the first header does not hide it and is not shown", () => {
    const { map } = mapped(["\uFEFFSchool ID", "Student ID", "First Name", "Last Name"], "students");
    expect(map.columns.schoolId).toBe(0);
    expect(map.headers[0]).toBe("School ID");
  });
  it("Student # is the student number", () => {
    expect(mapped(["School", "Student #", "First", "Last"], "students").byField.studentId).toBe("Student #");
  });
  it("blank header cells are ignored without a warning", () => {
    const { map, issues } = mapped(["School ID", "", "Student ID", "  ", "First Name", "Last Name"], "students");
    expect(map.columns).toEqual({ schoolId: 0, studentId: 2, firstName: 4, lastName: 5 });
    expect(issues).toEqual([]);
  });
});

describe("who bare names mean in a combined file", () => {
  const classAndTeacher = [
    "Term",
    "School ID",
    "Class Name",
    "Class ID",
    "Teacher First",
    "Teacher Last",
    "Teacher Email",
  ];

  it("bare first, last, email and id are the student's", () => {
    const { byField, issues } = mapped([...classAndTeacher, "ID", "First Name", "Last Name", "Email"], "combined");
    expect(byField).toMatchObject({
      studentId: "ID",
      studentFirstName: "First Name",
      studentLastName: "Last Name",
      studentEmail: "Email",
      teacherEmail: "Teacher Email",
    });
    expect(issues).toEqual([]);
  });

  it("an explicit student column wins over a bare one, with a warning", () => {
    const { byField, issues } = mapped(
      [...classAndTeacher, "Student Number", "SIS ID", "Student First", "Student Last", "First Name"],
      "combined",
    );
    expect(byField).toMatchObject({ studentId: "Student Number", studentFirstName: "Student First" });
    expect(issues.map((issue) => issue.message)).toEqual([
      'Used "Student First" (column J) for the student first and ignored "First Name" (column L); save a column mapping to use another column.',
      'Used "Student Number" (column H) for the student id and ignored "SIS ID" (column I); save a column mapping to use another column.',
    ]);
  });

  it("a bare email is never the teacher's: the teacher email column is still required", () => {
    const error = fileError(() =>
      mapHeaders(
        [
          "Term",
          "School ID",
          "Class Name",
          "Class ID",
          "Student ID",
          "Student First",
          "Student Last",
          "Teacher First",
          "Teacher Last",
          "Email",
        ],
        "combined",
      ),
    );
    expect(error.code).toBe("missing_column");
    expect(error.message).toBe(
      'The file has no "teacher email" column. Columns found: Term, School ID, Class Name, Class ID, Student ID, Student First, Student Last, Teacher First, Teacher Last, Email.',
    );
  });

  it("a teacher table prefix makes a bare name the teacher's", () => {
    const { byField } = mapped(
      [
        "Term",
        "School ID",
        "Class Name",
        "Class ID",
        "Student ID",
        "First Name",
        "Last Name",
        "[05]First_Name",
        "Teachers.Last_Name",
        "Teachers.Email_Addr",
        "[05]ID",
      ],
      "combined",
    );
    expect(byField).toMatchObject({
      studentFirstName: "First Name",
      studentLastName: "Last Name",
      teacherFirstName: "[05]First_Name",
      teacherLastName: "Teachers.Last_Name",
      teacherEmail: "Teachers.Email_Addr",
      staffId: "[05]ID",
      studentId: "Student ID",
    });
  });

  it("a Username is not taken as the student's email", () => {
    const { byField } = mapped([...classAndTeacher, "Student ID", "First", "Last", "Username"], "combined");
    expect(byField.studentEmail).toBeUndefined();
  });

  it("in staff and students files bare names are the file's person; the other person's are not used", () => {
    expect(mapped(["School", "ID", "First Name", "Last Name", "Email"], "staff").byField).toEqual({
      schoolId: "School",
      staffId: "ID",
      firstName: "First Name",
      lastName: "Last Name",
      email: "Email",
    });
    const { byField, issues } = mapped(
      ["School", "ID", "First Name", "Last Name", "Teacher Email", "[05]Email_Addr"],
      "students",
    );
    expect(byField).toEqual({ schoolId: "School", studentId: "ID", firstName: "First Name", lastName: "Last Name" });
    expect(issues.at(-1)?.message).toBe(
      'Ignored 2 columns this kind of file does not use: "Teacher Email", "[05]Email_Addr".',
    );
  });
});

describe("file errors", () => {
  it("names every missing required column and lists the columns found", () => {
    const error = fileError(() =>
      mapHeaders(["Term", "School ID", "Class Name", "Class ID", "Student ID", "Grade"], "combined"),
    );
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error.code).toBe("missing_column");
    expect(error.message).toBe(
      'The file has no "student first", "student last", "teacher first", "teacher last" and "teacher email" columns. Columns found: Term, School ID, Class Name, Class ID, Student ID, Grade.',
    );
    expect(error.details).toEqual({ column: "student first" });
  });

  it("one missing column", () => {
    const error = fileError(() => mapHeaders(["School ID", "First Name", "Last Name", "Title"], "staff"));
    expect(error.message).toBe(
      'The file has no "email" column. Columns found: School ID, First Name, Last Name, Title.',
    );
    expect(error.details.column).toBe("email");
  });

  it("an empty header row", () => {
    const error = fileError(() => mapHeaders(["", ""], "students"));
    expect(error.message).toBe(
      'The file has no "school id", "student id", "first" and "last" columns. Columns found: none.',
    );
  });

  it("two columns giving one field equally", () => {
    const error = fileError(() =>
      mapHeaders(["School ID", "Student ID", "First Name", "Last Name", "Grade", "student_id"], "students"),
    );
    expect(error.code).toBe("duplicate_column");
    expect(error.message).toBe(
      'Columns "Student ID" (column B) and "student_id" (column F) both give the student id; keep one.',
    );
    expect(error.details).toEqual({ column: "Student ID" });
  });

  it("three columns giving one field equally", () => {
    const error = fileError(() =>
      mapHeaders(["School ID", "Student ID", "First Name", "Last Name", "StudentID", "Student SIS ID"], "students"),
    );
    expect(error.message).toBe(
      'Columns "Student ID" (column B), "StudentID" (column E) and "Student SIS ID" (column F) all give the student id; keep one.',
    );
  });

  it("identical headers are a duplicate too", () => {
    const error = fileError(() =>
      mapHeaders(["School ID", "Student ID", "First", "Last", "Email", "Email"], "students"),
    );
    expect(error.message).toBe('Columns "Email" (column E) and "Email" (column F) both give the email; keep one.');
  });
});

describe("unknown columns", () => {
  it("are one warning that lists them all", () => {
    const { issues } = mapped(
      ["School ID", "Student ID", "Locker", "First Name", "Last Name", "Bus Route"],
      "students",
    );
    expect(issues).toEqual([
      {
        row: 1,
        column: null,
        severity: "warning",
        code: "unknown_columns",
        message: 'Ignored 2 columns this kind of file does not use: "Locker", "Bus Route".',
      },
    ]);
  });
  it("a column another kind uses is unknown here", () => {
    const { issues } = mapped(["School ID", "Student ID", "First Name", "Last Name", "Term"], "students");
    expect(issues[0]?.message).toBe('Ignored 1 column this kind of file does not use: "Term".');
  });
  it("name the header row given", () => {
    const { issues } = mapHeaders(["School ID", "Student ID", "First Name", "Last Name", "Locker"], "students", null, {
      headerRow: 3,
    });
    expect(issues[0]?.row).toBe(3);
  });
});

describe("saved column mappings", () => {
  const header = ["School", "Pupil Code", "Student ID", "Given", "Last Name", "First Name"];

  it("override the guess and take the column away from other fields", () => {
    const { byField, issues } = mapped(header, "students", {
      studentId: "Pupil Code",
      firstName: "Given",
      lastName: "Last Name",
    });
    expect(byField).toEqual({ schoolId: "School", studentId: "Pupil Code", firstName: "Given", lastName: "Last Name" });
    // "Student ID" and "First Name" are known, just not used: no warning.
    expect(issues).toEqual([]);
  });

  it("a saved column is not used for another field's guess", () => {
    const { byField } = mapped(["School ID", "Student ID", "First Name", "Last Name", "Email"], "students", {
      studentId: "Email",
    });
    expect(byField.studentId).toBe("Email");
    expect(byField.email).toBeUndefined();
  });

  it("match headers the same way as the guess", () => {
    const { byField } = mapped(header, "students", { studentId: "pupil_code", firstName: "GIVEN" });
    expect(byField).toMatchObject({ studentId: "Pupil Code", firstName: "Given" });
  });

  it("resolve a duplicate", () => {
    const { byField } = mapped(["School ID", "Student ID", "student_id", "First", "Last"], "students", {
      studentId: "student_id",
    });
    expect(byField.studentId).toBe("student_id");
  });

  it("a saved header the file lacks is ignored and the guess is used", () => {
    const { byField } = mapped(["School ID", "Student ID", "First", "Last"], "students", {
      studentId: "Pupil Code",
      title: "Title",
    });
    expect(byField.studentId).toBe("Student ID");
    expect(byField).not.toHaveProperty("title");
  });

  it("a saved mapping can supply a required column the guess cannot find", () => {
    const { byField } = mapped(["Building", "Kid", "Given", "Family"], "students", {
      studentId: "Kid",
      firstName: "Given",
      lastName: "Family",
    });
    expect(byField).toEqual({ schoolId: "Building", studentId: "Kid", firstName: "Given", lastName: "Family" });
  });
});

describe("looksLikeHeader", () => {
  it("recognises a header row", () => {
    expect(looksLikeHeader(["School ID", "Student ID", "First Name", "Last Name"], "students")).toBe(true);
    expect(looksLikeHeader(["Student_Number", "Last_Name", "Notes"], "students")).toBe(true);
    expect(looksLikeHeader(["Term", "School ID", "Class Name", "Class ID", "Student ID"], "combined")).toBe(true);
  });
  it("does not throw on duplicates or missing columns", () => {
    expect(looksLikeHeader(["Student ID", "student_id", "First Name"], "students")).toBe(true);
  });
  it("is false for notes, data and too few fields", () => {
    expect(looksLikeHeader(["Exported 2026-11-28", "", ""], "students")).toBe(false);
    expect(looksLikeHeader(["Roster report", "Lincoln Elementary"], "combined")).toBe(false);
    expect(looksLikeHeader(["100", "000123", "Ann", "Lee"], "students")).toBe(false);
    expect(looksLikeHeader(["First Name", "Notes"], "students")).toBe(false);
    expect(looksLikeHeader(["Term", "School ID", "Class Name", "Class ID"], "combined")).toBe(false);
  });
});

describe("guessKind", () => {
  it("prefers combined when every combined field is there", () => {
    expect(
      guessKind([
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
      ]),
    ).toBe("combined");
  });
  it("tells students from staff", () => {
    expect(guessKind(["School ID", "Student ID", "First Name", "Last Name"])).toBe("students");
    expect(guessKind(["School_id", "Teacher_id", "Teacher_email", "First_name", "Last_name"])).toBe("staff");
    expect(guessKind(["SIS ID", "School SIS ID", "Username", "First Name", "Last Name", "Title"])).toBe("staff");
    expect(guessKind(["SIS ID", "School SIS ID", "Username", "First Name", "Last Name", "Grade"])).toBe("students");
    expect(guessKind(["SIS ID", "School SIS ID", "Email", "First Name", "Last Name"])).toBe("students");
  });
  it("is null when no kind fits", () => {
    expect(guessKind(["Exported 2026-11-28"])).toBeNull();
  });
});

describe("docs/header-names.md", () => {
  it("lists every recognised header name", () => {
    const doc = readFileSync(new URL("../../docs/header-names.md", import.meta.url), "utf8");
    for (const kind of IMPORT_KINDS) {
      for (const { names } of recognisedHeaders(kind)) {
        for (const name of names) expect(doc, `${kind}: ${name}`).toContain(`\`${name}\``);
      }
    }
  });
});

describe("guessMapping", () => {
  it("answers the columns it can match without throwing for the missing ones", () => {
    expect(guessMapping(["Pupil", "School ID", "First Name", "Nickname"], "students")).toEqual({
      schoolId: "School ID",
      firstName: "First Name",
    });
    expect(guessMapping(["Pupil", "School ID"], "students", { studentId: "Pupil" })).toEqual({
      studentId: "Pupil",
      schoolId: "School ID",
    });
  });
});
