import { describe, expect, it } from "vitest";
import { parseStaffListParams, queryStatus, staffCsvHref, staffListHref } from "./staff-list-params";

describe("the Staff page's filters", () => {
  it("has one 'not invited' filter: older links for expired, failed or 'needs an invitation' mean the same", () => {
    for (const status of ["not_invited", "needs_invitation", "expired", "send_failed"])
      expect(parseStaffListParams({ status }).status, status).toBe("not_invited");
    expect(queryStatus("not_invited")).toBe("needs_invitation");
    expect(queryStatus("invited")).toBe("invited");
  });

  it("takes the Roster tab's old links: inactive is deactivated, the search is kept", () => {
    expect(parseStaffListParams({ q: " Rivera ", status: "inactive" })).toEqual({
      q: "Rivera",
      status: "deactivated",
      page: 1,
    });
    expect(parseStaffListParams({ status: "active" }).status).toBe("active");
  });

  it("falls back to defaults on values that do not parse", () => {
    expect(parseStaffListParams({ status: "bogus", school: "-3", page: "zero", q: "a\u0000b" })).toEqual({
      q: "ab",
      page: 1,
    });
    expect(parseStaffListParams({ q: ["first", "second"], school: "12" })).toEqual({ q: "first", school: 12, page: 1 });
  });

  it("writes short links and the CSV of the same search", () => {
    expect(staffListHref({ q: "ann", status: "invited", page: 1 })).toBe("/admin/staff?q=ann&status=invited");
    expect(staffListHref({ q: "" })).toBe("/admin/staff");
    expect(staffCsvHref({ q: "ann", page: 1 })).toBe("/admin/roster/staff/export?status=all&q=ann");
    expect(staffCsvHref({ q: "", status: "deactivated", page: 2 })).toBe("/admin/roster/staff/export?status=inactive");
  });
});
