import { describe, expect, it } from "vitest";
import { auditFilters, parseAuditParams, startOfLocalDay } from "./audit-filters";

describe("audit log filters", () => {
  it("keeps only what it understands from the URL", () => {
    expect(
      parseAuditParams({ category: "invitations", from: "2026-01-02", to: "nope", who: "x'; drop", page: "2" }),
    ).toEqual({ category: "invitations", from: "2026-01-02" });
    expect(parseAuditParams(new URLSearchParams("category=__proto__&who=not-a-uuid"))).toEqual({});
  });

  it("reads days in the organization's time zone, the last day included", () => {
    expect(startOfLocalDay("2026-07-01", "America/Chicago").toISOString()).toBe("2026-07-01T05:00:00.000Z");
    expect(startOfLocalDay("2026-01-15", "America/Chicago").toISOString()).toBe("2026-01-15T06:00:00.000Z");
    const filters = auditFilters({ category: "signIns", from: "2026-07-01", to: "2026-07-01" }, "UTC");
    expect(filters).toEqual({
      actions: ["user.signed_in"],
      from: new Date("2026-07-01T00:00:00Z"),
      to: new Date("2026-07-02T00:00:00Z"),
    });
  });
});
