import { describe, expect, it } from "vitest";
import { invitationSummary } from "./invitation-summary";

describe("invitationSummary", () => {
  it("does not say everyone was invited when there is no one", () => {
    expect(invitationSummary(0, 0)).toBe(
      "No active staff yet: staff appear here once a staff or combined file is imported.",
    );
  });

  it("says every active staff member was invited only when there are some", () => {
    expect(invitationSummary(3, 0)).toBe("Every active staff member has been invited.");
    expect(invitationSummary(3, 1)).toBeNull();
  });
});
