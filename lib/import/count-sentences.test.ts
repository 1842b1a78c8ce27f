import { describe, expect, it } from "vitest";
import { changesSentence, destructiveSentence } from "./count-sentences";
import { emptyCounts } from "./plan-types";

describe("count sentences", () => {
  it("says what an apply takes away, with the number in scope before it", () => {
    const counts = emptyCounts();
    counts.enrollments.deactivated = 677;
    counts.classes.deactivated = 10;
    counts.classes.updated = 2;
    expect(destructiveSentence(counts, { enrollments: 40, classes: 28 })).toBe(
      "Deactivate 10 of 40 classes, end 677 of 717 enrollments",
    );
    expect(destructiveSentence(counts)).toBe("Deactivate 10 classes, end 677 enrollments");
  });

  it("is empty when nothing would be ended or deactivated", () => {
    const counts = emptyCounts();
    counts.students.created = 3;
    expect(destructiveSentence(counts, {})).toBe("");
  });

  it("lists every change for a success message, singular and plural", () => {
    const counts = emptyCounts();
    counts.students.created = 1;
    counts.enrollments.created = 1_200;
    counts.assignments.reactivated = 2;
    counts.staff.deactivated = 1;
    expect(changesSentence(counts)).toBe(
      "1 student added, 1 staff member deactivated, 1,200 enrollments added, 2 teaching assignments restored",
    );
    expect(changesSentence(emptyCounts())).toBe("nothing changed");
  });
});
