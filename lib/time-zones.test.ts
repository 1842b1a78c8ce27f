import { describe, expect, it } from "vitest";
import { matchesTimeZone, timeZoneOptions } from "./time-zones";

describe("time zone options", () => {
  const options = timeZoneOptions(new Date("2026-01-15T12:00:00Z"));
  const find = (query: string) => options.filter((option) => matchesTimeZone(option, query)).map((o) => o.value);

  it("labels each IANA zone with the name people use and its offset", () => {
    expect(options.find((o) => o.value === "America/Chicago")?.label).toBe(
      "America/Chicago — Central Time (GMT-06:00)",
    );
    expect(options.some((o) => o.value === "UTC")).toBe(true);
  });

  it("finds a zone by any words of its name, city or description, whatever the case", () => {
    expect(find("new york")).toContain("America/New_York");
    expect(find("CENTRAL time")).toContain("America/Chicago");
    expect(find("chicago")).toEqual(["America/Chicago"]);
    expect(find("")).toHaveLength(options.length);
    expect(find("no such place")).toEqual([]);
  });
});
