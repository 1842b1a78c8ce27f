import { describe, expect, it } from "vitest";
import {
  assignmentLabel,
  changeListTitle,
  classLabel,
  enrollmentLabel,
  schoolLabel,
  studentLabel,
} from "./change-labels";

describe("change labels", () => {
  it("names who left which class, as the issue asks", () => {
    const student = studentLabel({ firstName: "Zoë", lastName: "Smith", studentId: "000417" });
    const klass = classLabel({ name: "World History 4", classId: "004731", period: "6" });
    expect(enrollmentLabel(student, klass, "deactivated")).toBe(
      "Zoë Smith (000417) left World History 4 (004731, period 6)",
    );
    expect(enrollmentLabel(student, klass, "created")).toBe(
      "Zoë Smith (000417) joined World History 4 (004731, period 6)",
    );
    expect(assignmentLabel("Ann Lee <ann@d.test>", klass, "deactivated")).toBe(
      "Ann Lee <ann@d.test> no longer teaches World History 4 (004731, period 6)",
    );
  });

  it("leaves out a period the class has not got, and uses a school's name once it has one", () => {
    expect(classLabel({ name: "Algebra I", classId: "48213", period: null })).toBe("Algebra I (48213)");
    expect(schoolLabel("0001")).toBe("School 0001");
    expect(schoolLabel("0001", "Lincoln High")).toBe("Lincoln High (0001)");
  });

  it("titles the full list, before and after Apply", () => {
    expect(changeListTitle("enrollments", "deactivated", false)).toBe("Enrollments ended");
    expect(changeListTitle("students", "created", true)).toBe("Students that would be added");
    expect(changeListTitle("assignments", "reactivated", false)).toBe("Teaching assignments restored");
  });
});
