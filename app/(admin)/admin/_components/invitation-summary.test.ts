import { describe, expect, it } from "vitest";
import { invitationSummary } from "./invitation-summary";

describe("invitationSummary", () => {
  it("does not say everyone was invited when there is no one", () => {
    expect(invitationSummary(0, 0)).toBe(
      "There are no staff yet: they appear here once you import a staff or combined file.",
    );
  });

  it("says every active staff member was invited only when there are some", () => {
    expect(invitationSummary(3, 0)).toBe("Every active staff member has been invited.");
    expect(invitationSummary(3, 1)).toBeNull();
  });
});
