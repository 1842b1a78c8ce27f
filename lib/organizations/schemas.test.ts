import { describe, expect, it } from "vitest";
import { createOrganizationSchema, slugSchema, timeZoneSchema } from "./schemas";

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
