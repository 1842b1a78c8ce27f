import { describe, expect, it } from "vitest";
import { parseEmailDomain } from "./email-domain";
import { usernameEmail } from "./entities";

describe("email domain for usernames", () => {
  it("stores '@district.org' for either way of typing it, and null for blank", () => {
    expect(parseEmailDomain("@District.org ")).toBe("@district.org");
    expect(parseEmailDomain("district.org")).toBe("@district.org");
    expect(parseEmailDomain("  ")).toBeNull();
  });

  it("refuses what is not a domain", () => {
    for (const bad of ["district", "@@x.org", "a b.org", "x@y.org", "-x.org"]) {
      expect(() => parseEmailDomain(bad)).toThrow(/domain such as @district.org/);
    }
  });

  it("builds an address from a plain username only", () => {
    expect(usernameEmail("jdoe", "@district.org")).toBe("jdoe@district.org");
    expect(usernameEmail("JDoe", "district.org")).toBe("jdoe@district.org");
    expect(usernameEmail("jdoe@other.org", "@district.org")).toBeNull();
    expect(usernameEmail("jdoe", null)).toBeNull();
    expect(usernameEmail("j doe", "@district.org")).toBeNull();
  });
});
