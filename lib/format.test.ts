import { describe, expect, it } from "vitest";
import { formatBytes, formatDateTime, kindLabel } from "./format";

describe("format", () => {
  it("shows a moment in the organization's time zone", () => {
    expect(formatDateTime(new Date("2026-11-29T13:05:00Z"), "America/Chicago")).toBe("Nov 29, 2026, 7:05 AM CST");
    expect(formatDateTime(null, "America/Chicago")).toBe("—");
  });
  it("shows sizes", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(17_000_000)).toBe("16.2 MB");
  });
  it("names every kind of import in words, not its code", () => {
    expect(kindLabel("oneroster")).toBe("OneRoster set");
    expect(kindLabel("sds")).toBe("Microsoft SDS set");
    expect(kindLabel("combined")).toBe("Combined roster");
  });
});
