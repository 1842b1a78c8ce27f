import { describe, expect, it } from "vitest";
import { mapHeaders } from "./map-headers";
import type { ImportKind } from "./types";
import { validateRows } from "./validate-rows";
import { pairKey } from "./validated-file";

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
  "Staff ID",
  "Student Email",
  "Grade",
];

/** Validates rows (row numbers from 2) under a header, as a CSV would give them. */
function validate(kind: ImportKind, header: string[], rows: string[][], headerWidth: number | null = header.length) {
  const { map } = mapHeaders(header, kind);
  return validateRows({
    map,
    headerWidth,
    eachRow: (onRow) => rows.forEach((cells, index) => onRow(cells, index + 2)),
  });
}

const row = (over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    Term: "2026-27",
    "School ID": "101",
    "Class Name": "Algebra",
    "Class ID": "C1",
    "Student First": "Ann",
    "Student Last": "Lee",
    "Student ID": "0001",
    "Teacher First": "Tom",
    "Teacher Last": "Hart",
    "Teacher Email": "tom@d.test",
    "Staff ID": "",
    "Student Email": "",
    Grade: "",
  };
  return COMBINED.map((h) => over[h] ?? base[h] ?? "");
};

describe("validateRows", () => {
  it("trims cells, lower-cases emails, keeps ids as text and blank optional cells as null", () => {
    const file = validate("combined", COMBINED, [
      row({ "Student ID": " 0001 ", "Teacher Email": " Tom@D.Test ", "Class Name": "  Algebra " }),
    ]);
    expect(file.issues).toEqual([]);
    expect(file.students.get("0001")).toEqual({
      studentId: "0001",
      firstName: "Ann",
      lastName: "Lee",
      email: null,
      grade: null,
      row: 2,
    });
    expect(file.staff.get("tom@d.test")).toMatchObject({ email: "tom@d.test", staffId: null });
    expect(file.classes.get("C1")).toMatchObject({ name: "Algebra", period: null, term: "2026-27", schoolId: "101" });
    expect([...file.enrollments.keys()]).toEqual([pairKey("C1", "0001")]);
  });

  it("a blank id is an error on its row and column; the row is skipped", () => {
    const file = validate("combined", COMBINED, [row(), row({ "Student ID": "  ", "Student First": "Bo" })]);
    expect(file.issues).toEqual([
      { row: 3, column: "Student ID", severity: "error", code: "blank_value", message: "Student id is blank." },
    ]);
    expect(file.errorRows).toBe(1);
    expect(file.students.size).toBe(1);
  });

  it("an invalid email is an error naming the value", () => {
    const file = validate("combined", COMBINED, [row({ "Student Email": "ann@" })]);
    expect(file.issues).toEqual([
      {
        row: 2,
        column: "Student Email",
        severity: "error",
        code: "invalid_value",
        message: '"ann@" is not a valid email address.',
      },
    ]);
    expect(file.protected.classes.has("C1")).toBe(true);
    expect(file.protected.enrollments.has(pairKey("C1", "0001"))).toBe(true);
  });

  it("a ragged text row is an error; a spreadsheet row may be short", () => {
    const short = row().slice(0, 10);
    const text = validate("combined", COMBINED, [short]);
    expect(text.issues[0]).toMatchObject({ row: 2, column: null, code: "ragged_row" });
    expect(text.issues[0]?.message).toBe(
      "This row has 10 values but the header has 13 columns; a delimiter is missing or extra (a comma inside a name must be quoted). The row was skipped.",
    );
    const sheet = validate("combined", COMBINED, [short], null);
    expect(sheet.issues).toEqual([]);
  });

  it("exact repeats count once with one warning", () => {
    const file = validate("combined", COMBINED, [row(), row(), row()]);
    expect(file.duplicateRows).toBe(2);
    expect(file.issues).toEqual([
      {
        row: null,
        column: null,
        severity: "warning",
        code: "duplicate_rows",
        message: "2 rows repeat an earlier row exactly; each was counted once.",
      },
    ]);
  });

  it("a class id with another name, period, term or school is an error on the later row", () => {
    const file = validate("combined", COMBINED, [row(), row({ "Student ID": "0002", "School ID": "102" })]);
    expect(file.issues).toEqual([
      {
        row: 3,
        column: "School ID",
        severity: "error",
        code: "conflicting_class",
        message:
          'Class ID "C1" has school id "101" on row 2 but "102" here; rows for one class must agree. The row was skipped.',
      },
    ]);
  });

  it("one staff id on two emails, or one email with two staff ids, is an error on the later row", () => {
    const file = validate("combined", COMBINED, [
      row({ "Staff ID": "T1" }),
      row({ "Class ID": "C2", "Teacher Email": "other@d.test", "Teacher First": "Oz", "Staff ID": "T1" }),
      row({ "Class ID": "C3", "Staff ID": "T9" }),
    ]);
    expect(file.issues.map((i) => [i.row, i.code, i.message])).toEqual([
      [
        3,
        "conflicting_staff",
        'Staff id "T1" belongs to tom@d.test on row 2 but to other@d.test here; one staff id is one person. The row was skipped.',
      ],
      [
        4,
        "conflicting_staff",
        'Teacher email "tom@d.test" has staff id "T1" on row 2 but "T9" here. The row was skipped.',
      ],
    ]);
  });

  it("a student in two classes and a blank optional cell on one row is not a contradiction", () => {
    const file = validate("combined", COMBINED, [row({ Grade: "9" }), row({ "Class ID": "C2", Grade: "" })]);
    expect(file.issues).toEqual([]);
    expect(file.students.get("0001")?.grade).toBe("9");
    expect(file.enrollments.size).toBe(2);
  });

  it("students and staff files give school links", () => {
    const students = validate(
      "students",
      ["School ID", "Student ID", "First", "Last"],
      [
        ["101", "S1", "Ann", "Lee"],
        ["102", "S1", "Ann", "Lee"],
      ],
    );
    expect([...students.memberships.keys()]).toEqual([pairKey("S1", "101"), pairKey("S1", "102")]);
    const staff = validate("staff", ["School ID", "First", "Last", "Email"], [["101", "Tom", "Hart", "TOM@d.test"]]);
    expect([...staff.memberships.keys()]).toEqual([pairKey("tom@d.test", "101")]);
  });
});
