import { describe, expect, it } from "vitest";
import {
  cleverFiles,
  editFile,
  oneRosterFiles,
  sampleModel,
  sdsV1Files,
  sdsV21Files,
  withoutFile,
  zipFiles,
  type SetModel,
} from "@/tests/support/roster-sets";
import { ImportFileError, type ImportIssue, type SetKind } from "../types";
import { splitPair, type ValidatedFile } from "../validated-file";
import { detectSetKind, detectZipSetKind, readSet } from "./read-set";
import { setDigest, readZipSet, type SetFile } from "./set-files";

const options = { usernameEmailDomain: null };

/** What a validated set says, in plain terms, to compare formats with each other. */
function view(file: ValidatedFile) {
  return {
    schools: [...file.schools].sort(),
    terms: [...file.terms].sort(),
    classes: [...file.classes.values()]
      .map(({ classId, name, period, term, schoolId }) => ({ classId, name, period, term, schoolId }))
      .sort((a, b) => a.classId.localeCompare(b.classId)),
    students: [...file.students.values()]
      .map(({ studentId, firstName, lastName, email, grade }) => ({ studentId, firstName, lastName, email, grade }))
      .sort((a, b) => a.studentId.localeCompare(b.studentId)),
    staff: [...file.staff.values()]
      .map(({ email, staffId, firstName, lastName }) => ({ email, staffId, firstName, lastName }))
      .sort((a, b) => a.email.localeCompare(b.email)),
    enrollments: [...file.enrollments.keys()].map(splitPair).sort(),
    assignments: [...file.assignments.keys()].map(splitPair).sort(),
  };
}

const read = (kind: SetKind, files: SetFile[], domain: string | null = null) =>
  readSet(kind, zipFiles(files), { usernameEmailDomain: domain });

const expected = {
  schools: ["101", "102"],
  terms: ["Fall 2026", "Spring 2027"],
  classes: [
    { classId: "C1", name: "Algebra I", period: "1", term: "Fall 2026", schoolId: "101" },
    { classId: "C2", name: "Biology", period: "2", term: "Fall 2026", schoolId: "101" },
    { classId: "C3", name: "Art", period: "3", term: "Spring 2027", schoolId: "102" },
  ],
  students: [
    { studentId: "0001", firstName: "Ana", lastName: "Lopez", email: null, grade: "09" },
    { studentId: "0002", firstName: "Ben", lastName: "Kim", email: "ben.kim@students.test", grade: "10" },
    { studentId: "0003", firstName: "Cai", lastName: "Wu", email: null, grade: "07" },
    { studentId: "0004", firstName: "Dee", lastName: "Ray", email: null, grade: "09" },
  ],
  staff: [
    { email: "tom.hale@district.test", staffId: "T1", firstName: "Tom", lastName: "Hale" },
    { email: "uma.iyer@district.test", staffId: "T2", firstName: "Uma", lastName: "Iyer" },
    { email: "vic.orr@district.test", staffId: "T3", firstName: "Vic", lastName: "Orr" },
  ],
  enrollments: [
    ["C1", "0001"],
    ["C1", "0002"],
    ["C2", "0001"],
    ["C2", "0004"],
  ],
  assignments: [
    ["C1", "tom.hale@district.test"],
    ["C1", "uma.iyer@district.test"],
    ["C2", "tom.hale@district.test"],
    ["C3", "vic.orr@district.test"],
  ],
};

/** SDS v2.1 classes carry no period (the format has no such column). */
const expectedFor = (name: string) =>
  name === "SDS v2.1" ? { ...expected, classes: expected.classes.map((c) => ({ ...c, period: null })) } : expected;

const formats: Array<[string, SetKind, (model: SetModel, o?: object) => SetFile[]]> = [
  ["OneRoster 1.1", "oneroster", (m, o) => oneRosterFiles(m, { ...o, version: "1.1" })],
  ["OneRoster 1.2", "oneroster", (m, o) => oneRosterFiles(m, { ...o, version: "1.2" })],
  ["Clever", "clever", cleverFiles],
  ["SDS v1", "sds", sdsV1Files],
  ["SDS v2.1", "sds", sdsV21Files],
];

describe("multi-file sets", () => {
  for (const [name, kind, write] of formats) {
    it(`${name}: reads the same roster (classes without students and co-teachers included)`, () => {
      const result = read(kind, write(sampleModel()));
      expect(result.issues).toEqual([]);
      expect(view(result.file)).toEqual(expectedFor(name));
      expect(detectSetKind(write(sampleModel()).map((f) => f.name))).toBe(kind);
    });

    it(`${name}: CR-only line ends, every cell quoted, vendor columns and a folder inside the .zip`, () => {
      const files = write(sampleModel(), {
        lineEnd: "\r",
        quoteAll: true,
        extraColumns: ["ext_vendor", "metadata.district", ""],
      });
      const bytes = zipFiles(files, "export-2026-08-01");
      expect(detectZipSetKind(bytes)).toBe(kind);
      const result = readSet(kind, bytes, options);
      expect(result.issues).toEqual([]);
      expect(view(result.file)).toEqual(expectedFor(name));
    });
  }

  it("the same files zipped again (other folder, other order) have the same digest", () => {
    const files = oneRosterFiles(sampleModel());
    const a = setDigest(readZipSet(zipFiles(files)));
    const b = setDigest(readZipSet(zipFiles([...files].reverse(), "sub")));
    expect(a).toBe(b);
    const c = setDigest(readZipSet(zipFiles(editFile(files, "users.csv", (t) => t.replace("Ana", "Anna")))));
    expect(c).not.toBe(a);
  });

  it("OneRoster ids: the student and staff ids are users' identifier, the school id the org's identifier", () => {
    const files = editFile(oneRosterFiles(sampleModel()), "users.csv", (text) => text.replace(",0003,", ",,"));
    const result = read("oneroster", files);
    // identifier blank: the sourcedId is the id
    expect([...result.file.students.keys()].sort()).toEqual(["0001", "0002", "0004", "usr-0003"]);
    expect([...result.file.schools].sort()).toEqual(["101", "102"]);
  });

  it("OneRoster: tobedeleted rows of a bulk set are absent; administrators and guardians are not read", () => {
    const files = editFile(oneRosterFiles(sampleModel()), "users.csv", (text) =>
      text
        .replace("usr-0004,active", "usr-0004,tobedeleted")
        .concat(
          "usr-admin,active,2026-08-01T00:00:00.000Z,true,org-101,administrator,,,Al,Boss,,A1,al@district.test,,,,,\r\n",
        ),
    );
    const result = read("oneroster", files);
    expect(result.file.students.has("0004")).toBe(false);
    expect(result.file.staff.has("al@district.test")).toBe(false);
    // the enrollment of the absent student is a reference problem, named in its file
    expect(result.issues).toEqual([
      expect.objectContaining({ file: "enrollments.csv", column: "userSourcedId", code: "unknown_student" }),
    ]);
  });

  it("every reference error names the file inside the set, its row and column", () => {
    let files = oneRosterFiles(sampleModel());
    files = editFile(files, "classes.csv", (t) => t.replace(",org-102,", ",org-999,"));
    files = editFile(files, "enrollments.csv", (t) =>
      t.concat(
        "enr-x1,active,2026-08-01,C9,org-101,usr-0001,student,false,,\r\n" +
          "enr-x2,active,2026-08-01,C1,org-101,usr-9999,student,false,,\r\n" +
          "enr-x3,active,2026-08-01,C1,org-101,usr-T9,teacher,false,,\r\n",
      ),
    );
    const result = read("oneroster", files);
    const issues = result.issues.map(({ file, row, column, code }: ImportIssue) => ({ file, row, column, code }));
    expect(issues).toEqual([
      { file: "classes.csv", row: 4, column: "schoolSourcedId", code: "unknown_school" },
      { file: "enrollments.csv", row: 10, column: "classSourcedId", code: "unknown_class" },
      { file: "enrollments.csv", row: 11, column: "userSourcedId", code: "unknown_student" },
      { file: "enrollments.csv", row: 12, column: "userSourcedId", code: "unknown_teacher" },
    ]);
    // a skipped class is protected: never deactivated by this import
    expect(result.file.protected.classes.has("C3")).toBe(true);
    expect(result.file.classes.has("C3")).toBe(false);
  });

  it("Clever: a section naming an unknown teacher is a row issue on sections.csv, in the co-teacher column", () => {
    const files = editFile(cleverFiles(sampleModel()), "sections.csv", (t) =>
      t.replace("101,C1,T1,T2,", "101,C1,T1,T7,"),
    );
    const result = read("clever", files);
    expect(result.issues).toEqual([
      expect.objectContaining({ file: "sections.csv", row: 2, column: "Teacher_2_id", code: "unknown_teacher" }),
    ]);
    expect(result.file.assignments.size).toBe(3);
  });

  it("a set missing a required file fails naming the file and what it holds", () => {
    for (const [kind, files, missing] of [
      ["oneroster", withoutFile(oneRosterFiles(sampleModel()), "enrollments.csv"), "enrollments.csv"],
      ["clever", withoutFile(cleverFiles(sampleModel()), "sections.csv"), "sections.csv"],
      ["sds", withoutFile(sdsV1Files(sampleModel()), "TeacherRoster.csv"), "TeacherRoster.csv"],
      ["sds", withoutFile(sdsV21Files(sampleModel()), "roles.csv"), "roles.csv"],
    ] as const) {
      let error: unknown;
      try {
        read(kind, files);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as ImportFileError).code).toBe("missing_file");
      expect((error as ImportFileError).message).toContain(missing);
      expect((error as ImportFileError).details.file).toBe(missing);
    }
  });

  it("a missing required column names the file and the column", () => {
    const files = editFile(cleverFiles(sampleModel()), "students.csv", (t) => t.replace("Student_id", "Pupil"));
    expect(() => read("clever", files)).toThrow(/students\.csv .*"Student_id"/);
  });

  it("SDS v1 teachers without an email: username that is an address, then Secondary Email, then the organization's domain, else a row issue", () => {
    const model = sampleModel();
    model.teachers = [
      {
        id: "T1",
        first: "Tom",
        last: "Hale",
        email: "tom.hale@district.test",
        username: "tom.hale@district.test",
        school: "101",
      },
      { id: "T2", first: "Uma", last: "Iyer", email: "uma@personal.test", username: "uiyer", school: "101" },
      { id: "T3", first: "Vic", last: "Orr", username: "vorr", school: "102" },
    ];
    const files = sdsV1Files(model);
    const without = read("sds", files);
    expect([...without.file.staff.keys()].sort()).toEqual(["tom.hale@district.test", "uma@personal.test"]);
    expect(without.issues).toEqual([
      expect.objectContaining({ file: "Teacher.csv", row: 4, code: "no_teacher_email", severity: "error" }),
    ]);
    expect(without.issues[0]!.message).toContain('"vorr"');
    // the skipped teacher's classes are kept (protected), their assignment is not ended
    expect(without.file.protected.staffIds.has("T3")).toBe(true);

    const withDomain = read("sds", files, "@district.test");
    expect(withDomain.issues).toEqual([]);
    expect(withDomain.file.staff.get("vorr@district.test")).toMatchObject({ staffId: "T3", firstName: "Vic" });
  });

  it("a .zip that is not a set, holding a nested archive, or entries with .. or absolute paths", () => {
    const files = oneRosterFiles(sampleModel());
    const nested = zipFiles([...files, { name: "more.zip", bytes: zipFiles(files) }]);
    expect(() => readSet("oneroster", nested, options)).toThrow(/another archive/);
    const sneaky = zipFiles([...files, { name: "../users.csv", bytes: new TextEncoder().encode("x\n") }]);
    expect(view(readSet("oneroster", sneaky, options).file)).toEqual(expected);
    const notSet = zipFiles([{ name: "notes.txt", bytes: new TextEncoder().encode("hello\n") }]);
    expect(() => readSet("oneroster", notSet, options)).toThrow(/not a OneRoster, Clever or SDS set/);
    expect(() => readSet("oneroster", new TextEncoder().encode("a,b\n1,2\n"), options)).toThrow(/single file/);
  });
});
