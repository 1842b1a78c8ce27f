import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isUuid } from "./ids";

describe("isUuid", () => {
  it("accepts the ids the database makes, in either case", () => {
    const id = randomUUID();
    expect(isUuid(id)).toBe(true);
    expect(isUuid(id.toUpperCase())).toBe(true);
  });

  it("refuses what the database could not compare with a uuid column", () => {
    for (const bad of [
      "",
      "42",
      "-".repeat(36),
      `${randomUUID()}x`,
      "zzzzzzzz-zzzz-4zzz-8zzz-zzzzzzzzzzzz",
      " " + randomUUID(),
    ]) {
      expect(isUuid(bad), bad).toBe(false);
    }
  });
});
