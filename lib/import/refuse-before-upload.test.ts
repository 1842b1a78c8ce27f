import { describe, expect, it } from "vitest";
import { refuseBeforeUpload } from "./refuse-before-upload";

const MB = 1_048_576;

describe("refuseBeforeUpload", () => {
  it("refuses a 0-byte file by name, with what to do", () => {
    expect(refuseBeforeUpload([{ name: "roster.csv", size: 0 }], 100 * MB)).toBe(
      "roster.csv is empty (0 bytes), so there is nothing to import. Export the roster from your SIS again and choose the new file.",
    );
  });

  it("refuses a set when any one of its files is empty", () => {
    const files = [
      { name: "users.csv", size: 120 },
      { name: "classes.csv", size: 0 },
    ];
    expect(refuseBeforeUpload(files, 100 * MB)).toMatch(/^classes\.csv is empty \(0 bytes\)/);
  });

  it("refuses more than the limit and lets anything else through", () => {
    expect(refuseBeforeUpload([{ name: "big.csv", size: 150 * MB }], 100 * MB)).toBe(
      "big.csv is 150.0 MB; the limit is 100 MB.",
    );
    expect(refuseBeforeUpload([{ name: "roster.csv", size: 1 }], 100 * MB)).toBeNull();
  });
});
