import { describe, expect, it } from "vitest";
import { ONE_LINE, editedNameSchema, emailSchema, withoutControlCharacters } from "./validation";

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

describe("editedNameSchema", () => {
  const schema = editedNameSchema("the school's name", 120);
  it.each(["Lincoln\nHigh", "Lincoln\tHigh", "Lincoln\u0000", "Lin\u007fcoln", "Lin\u0085coln"])(
    "refuses %j with a message that says what to do",
    (name) => {
      const result = schema.safeParse(name);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(ONE_LINE);
    },
  );
  it("takes a name on one line, trimmed, accents and all", () => {
    expect(schema.parse("  École Saint-Éxupéry  ")).toBe("École Saint-Éxupéry");
  });
  it("strips control characters from query text", () => {
    expect(withoutControlCharacters("a\u0000b\nc")).toBe("abc");
  });
});
