import { describe, expect, it } from "vitest";
import { createOrganizationSchema, emailSchema, slugSchema, timeZoneSchema } from "./schemas";

describe("slugSchema", () => {
  it.each(["demo", "north-isd", "d1", "0abc"])("accepts %s", (slug) => {
    expect(slugSchema.parse(slug)).toBe(slug);
  });
  it("lower-cases and trims", () => {
    expect(slugSchema.parse("  North-ISD ")).toBe("north-isd");
  });
  it.each(["", "-lead", "has space", "under_score", "a".repeat(64), "ünï"])("refuses %j", (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(false);
  });
});

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

describe("timeZoneSchema", () => {
  it("accepts IANA names and refuses others", () => {
    expect(timeZoneSchema.safeParse("America/Denver").success).toBe(true);
    expect(timeZoneSchema.safeParse("Mars/Olympus").success).toBe(false);
  });
});

describe("createOrganizationSchema", () => {
  it("names the field that is wrong", () => {
    const result = createOrganizationSchema.safeParse({ name: "", slug: "ok", adminEmail: "x@y.test" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["name"]);
  });
});
