import { describe, expect, it } from "vitest";
import { skippedRowsSentence, skipReasonPhrase } from "./skipped-rows";

describe("skipped rows sentence", () => {
  it("counts rows and names each reason by its column, as the issue asks", () => {
    const skipped = {
      rows: 2,
      reasons: [
        { code: "invalid_value", column: "Email", rows: 1 },
        { code: "blank_value", column: "Student ID", rows: 1 },
      ],
    };
    expect(skippedRowsSentence(skipped, true)).toBe("2 rows will be skipped (1 blank student id, 1 invalid email)");
    expect(skippedRowsSentence(skipped, false)).toBe("2 rows were skipped (1 blank student id, 1 invalid email)");
  });

  it("is null when no row is skipped, and singular for one", () => {
    expect(skippedRowsSentence({ rows: 0, reasons: [] }, true)).toBeNull();
    expect(skippedRowsSentence({ rows: 1, reasons: [{ code: "ragged_row", column: null, rows: 1 }] }, false)).toBe(
      "1 row was skipped (1 with a missing or extra delimiter)",
    );
  });

  it("merges reasons that read alike and puts the largest first", () => {
    const skipped = {
      rows: 5,
      reasons: [
        { code: "conflicting_student", column: "Student ID", rows: 1 },
        { code: "unknown_class", column: "classSourcedId", rows: 3 },
        { code: "conflicting_class", column: "Class Name", rows: 1 },
      ],
    };
    expect(skippedRowsSentence(skipped, true)).toBe(
      "5 rows will be skipped (3 naming an unknown class, 2 contradicting an earlier row)",
    );
  });

  it("words a code it does not know without inventing a meaning", () => {
    expect(skipReasonPhrase({ code: "some_new_check", column: null, rows: 4 })).toBe("4 with some new check");
  });
});
