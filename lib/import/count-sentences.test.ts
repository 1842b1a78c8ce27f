import { describe, expect, it } from "vitest";
import { changesLine, changesSentence, destructiveSentence } from "./count-sentences";
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

  it("writes Import Details' line in words, grouped by change, with no symbols but the added +", () => {
    const counts = emptyCounts();
    counts.classes.created = 36;
    counts.students.created = 150;
    expect(changesLine(counts)).toBe("+36 classes, 150 students added");
    counts.students.updated = 1;
    counts.staff.reactivated = 1;
    counts.enrollments.reactivated = 2;
    counts.classes.deactivated = 2;
    counts.enrollments.deactivated = 1_400;
    expect(changesLine(counts)).toBe(
      "+36 classes, 150 students added · 1 student updated · 1 staff reactivated, 2 enrollments restored · 2 classes deactivated, 1,400 enrollments ended",
    );
    expect(changesLine(counts)).not.toMatch(/[~↺]/);
  });

  it("is empty when nothing counts (schools and terms alone follow their classes)", () => {
    const counts = emptyCounts();
    counts.schools.created = 1;
    expect(changesLine(counts)).toBe("");
    expect(changesLine(null)).toBe("");
  });

  it("names renamed schools: a set's new school name is a change of its own", () => {
    const counts = emptyCounts();
    counts.schools.created = 1;
    counts.schools.updated = 2;
    counts.classes.created = 3;
    expect(changesLine(counts)).toBe("+3 classes added · 2 schools updated");
  });
});
