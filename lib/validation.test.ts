import { describe, expect, it } from "vitest";
import { emailSchema } from "./validation";

describe("emailSchema", () => {
  it("lower-cases and trims", () => {
    expect(emailSchema.parse("  Ann.Lee@District.K12.US ")).toBe("ann.lee@district.k12.us");
  });
  it("refuses what is not an address", () => {
    const result = emailSchema.safeParse("ann at district");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter a valid email address");
  });
});
