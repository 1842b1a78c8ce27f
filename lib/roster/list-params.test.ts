import { describe, expect, it } from "vitest";
import { parseRecordId, parseRosterParams, rosterHref } from "./list-params";

describe("parseRosterParams", () => {
  it("reads filters from searchParams and from URLSearchParams alike", () => {
    const expected = { q: "smith", status: "all", page: 3, school: 12, term: 4, teacher: 9 };
    expect(
      parseRosterParams({ q: " smith ", status: "all", page: "3", school: "12", term: "4", teacher: "9" }),
    ).toEqual(expected);
    expect(parseRosterParams(new URLSearchParams("q=smith&status=all&page=3&school=12&term=4&teacher=9"))).toEqual(
      expected,
    );
  });

  it("falls back to the defaults for missing, repeated or malformed values", () => {
    expect(parseRosterParams({})).toEqual({ q: "", status: "active", page: 1 });
    expect(
      parseRosterParams({ status: "deleted", page: "-2", school: "abc", term: "1.5", teacher: "0", q: ["a", "b"] }),
    ).toEqual({
      q: "a",
      status: "active",
      page: 1,
    });
    expect(parseRosterParams({ page: "x" }).page).toBe(1);
    expect(parseRosterParams({ q: "x".repeat(500) }).q).toBe("");
  });
});

describe("rosterHref", () => {
  const params = { q: "ann", status: "all" as const, page: 4, school: 7 };

  it("keeps the filters, drops defaults, and goes back to page 1 when filters change", () => {
    expect(rosterHref("/admin/roster/students", params, { page: 5 })).toBe(
      "/admin/roster/students?q=ann&status=all&school=7&page=5",
    );
    expect(rosterHref("/admin/roster/students", params, { school: undefined })).toBe(
      "/admin/roster/students?q=ann&status=all",
    );
    expect(rosterHref("/admin/roster/students", { q: "", status: "active", page: 1 })).toBe("/admin/roster/students");
    expect(rosterHref("/x", { q: "a&b=c" })).toBe("/x?q=a%26b%3Dc");
  });
});

describe("parseRecordId", () => {
  it.each([
    ["1", 1],
    ["123456789012345", 123456789012345],
    ["0", null],
    ["01", null],
    ["-1", null],
    ["1e3", null],
    ["12abc", null],
    ["1234567890123456", null],
  ])("%j → %j", (input, expected) => {
    expect(parseRecordId(input)).toBe(expected);
  });
});

describe("control characters in the list parameters", () => {
  it("are dropped from every parameter (NUL, line breaks, DEL, C1)", () => {
    expect(parseRosterParams(new URLSearchParams("q=%00"))).toMatchObject({ q: "" });
    expect(parseRosterParams({ q: "An\u0000n\r\n\u007f\u0085", school: "1\u00002" })).toMatchObject({
      q: "Ann",
      school: 12,
    });
  });
});
