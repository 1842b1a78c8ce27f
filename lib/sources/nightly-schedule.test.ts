import { describe, expect, it } from "vitest";
import { cycleAt, isDue, isTimeZone, localDate, missedCycle, parseExpectedTime, zonedTime } from "./nightly-schedule";

const at = (iso: string) => new Date(iso);

describe("zonedTime", () => {
  it("finds the instant a local clock shows, on either side of UTC and of the date line", () => {
    expect(zonedTime("2026-03-03", 6, 0, "America/Chicago").toISOString()).toBe("2026-03-03T12:00:00.000Z");
    expect(zonedTime("2026-07-03", 6, 0, "America/Chicago").toISOString()).toBe("2026-07-03T11:00:00.000Z");
    expect(zonedTime("2026-03-03", 6, 0, "Asia/Tokyo").toISOString()).toBe("2026-03-02T21:00:00.000Z");
    expect(zonedTime("2026-03-03", 6, 0, "Pacific/Auckland").toISOString()).toBe("2026-03-02T17:00:00.000Z");
    expect(zonedTime("2026-03-03", 6, 0, "UTC").toISOString()).toBe("2026-03-03T06:00:00.000Z");
  });

  it("a time skipped by spring-forward falls an hour later; a repeated one takes its first occurrence", () => {
    expect(zonedTime("2026-03-08", 2, 30, "America/Chicago").toISOString()).toBe("2026-03-08T08:30:00.000Z"); // 03:30 CDT
    expect(zonedTime("2026-03-08", 5, 0, "America/Chicago").toISOString()).toBe("2026-03-08T10:00:00.000Z"); // 05:00 CDT
    expect(zonedTime("2026-11-01", 1, 30, "America/Chicago").toISOString()).toBe("2026-11-01T06:30:00.000Z"); // 01:30 CDT
    expect(zonedTime("2026-10-25", 2, 30, "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z"); // 02:30 CEST
  });
});

describe("cycleAt and isDue", () => {
  const chicago = { expectedTime: "06:00", timeZone: "America/Chicago", graceMinutes: 120 };

  it("a cycle starts at the expected time, local: before it, yesterday's cycle is current", () => {
    expect(cycleAt(chicago, at("2026-03-03T12:00:00Z"))).toEqual({
      date: "2026-03-03",
      start: at("2026-03-03T12:00:00Z"),
    });
    expect(cycleAt(chicago, at("2026-03-03T11:59:00Z"))).toEqual({
      date: "2026-03-02",
      start: at("2026-03-02T12:00:00Z"),
    });
    // 02:00 UTC on March 4 is still 20:00 on March 3 in Chicago
    expect(cycleAt(chicago, at("2026-03-04T02:00:00Z")).date).toBe("2026-03-03");
  });

  it("is due until the current cycle has an import", () => {
    const now = at("2026-03-03T13:00:00Z"); // 07:00 CST
    expect(isDue(chicago, null, now)).toBe(true);
    expect(isDue(chicago, at("2026-03-02T12:30:00Z"), now)).toBe(true); // yesterday's import
    expect(isDue(chicago, at("2026-03-03T12:30:00Z"), now)).toBe(false); // today's
    // A late file for yesterday's cycle, taken at 01:00 local today, counts for yesterday.
    expect(isDue(chicago, null, at("2026-03-03T07:00:00Z"))).toBe(true);
    expect(isDue(chicago, at("2026-03-03T07:00:00Z"), at("2026-03-03T08:00:00Z"))).toBe(false);
  });
});

describe("missedCycle", () => {
  const created = at("2026-01-01T00:00:00Z");

  it("is missing once expected time plus grace passes without an import, in the source's time zone", () => {
    const chicago = { expectedTime: "06:00", timeZone: "America/Chicago", graceMinutes: 120 };
    // 07:59 CST: within grace, yesterday had its import
    expect(
      missedCycle(
        chicago,
        { lastImportAt: at("2026-03-02T12:10:00Z"), createdAt: created },
        at("2026-03-03T13:59:00Z"),
      ),
    ).toBeNull();
    // 08:00 CST: the deadline
    expect(
      missedCycle(
        chicago,
        { lastImportAt: at("2026-03-02T12:10:00Z"), createdAt: created },
        at("2026-03-03T14:00:00Z"),
      ),
    ).toEqual({
      date: "2026-03-03",
      start: at("2026-03-03T12:00:00Z"),
      deadline: at("2026-03-03T14:00:00Z"),
    });
    // Still missing after midnight UTC and until the next import; not once it came.
    expect(missedCycle(chicago, { lastImportAt: null, createdAt: created }, at("2026-03-04T05:00:00Z"))?.date).toBe(
      "2026-03-03",
    );
    expect(
      missedCycle(
        chicago,
        { lastImportAt: at("2026-03-03T15:00:00Z"), createdAt: created },
        at("2026-03-03T16:00:00Z"),
      ),
    ).toBeNull();
  });

  it("the same instant is a missed import in Tokyo and not yet due in Los Angeles", () => {
    const now = at("2026-03-03T00:30:00Z"); // 09:30 in Tokyo, 16:30 the day before in Los Angeles
    const lastImportAt = at("2026-03-02T15:30:00Z"); // 07:30 in Los Angeles, 00:30 in Tokyo
    const tokyo = { expectedTime: "07:00", timeZone: "Asia/Tokyo", graceMinutes: 60 };
    const losAngeles = { expectedTime: "07:00", timeZone: "America/Los_Angeles", graceMinutes: 60 };
    expect(missedCycle(tokyo, { lastImportAt, createdAt: created }, now)).toMatchObject({
      date: "2026-03-03",
      deadline: at("2026-03-02T23:00:00Z"),
    });
    expect(missedCycle(losAngeles, { lastImportAt, createdAt: created }, now)).toBeNull();
    expect(isDue(losAngeles, lastImportAt, now)).toBe(false);
    expect(isDue(tokyo, lastImportAt, now)).toBe(true);
  });

  it("follows daylight saving time: the deadline moves with the local clock", () => {
    const chicago = { expectedTime: "06:00", timeZone: "America/Chicago", graceMinutes: 30 };
    const lastImportAt = at("2026-03-07T12:05:00Z");
    expect(missedCycle(chicago, { lastImportAt, createdAt: created }, at("2026-03-08T11:29:00Z"))).toBeNull(); // 06:29 CDT
    expect(missedCycle(chicago, { lastImportAt, createdAt: created }, at("2026-03-08T11:30:00Z"))?.date).toBe(
      "2026-03-08",
    );
  });

  it("does not blame a source for a cycle that started before it was created", () => {
    const utc = { expectedTime: "06:00", timeZone: "UTC", graceMinutes: 60 };
    expect(
      missedCycle(utc, { lastImportAt: null, createdAt: at("2026-03-03T06:30:00Z") }, at("2026-03-03T08:00:00Z")),
    ).toBeNull();
    expect(
      missedCycle(utc, { lastImportAt: null, createdAt: at("2026-03-03T06:30:00Z") }, at("2026-03-04T07:00:00Z"))?.date,
    ).toBe("2026-03-04");
  });
});

describe("parsing", () => {
  it("accepts HH:MM on a 24-hour clock and known IANA zones only", () => {
    expect(parseExpectedTime("06:00")).toEqual([6, 0]);
    expect(parseExpectedTime("23:59")).toEqual([23, 59]);
    expect(parseExpectedTime("24:00")).toBeNull();
    expect(parseExpectedTime("6:00")).toBeNull();
    expect(isTimeZone("America/Chicago")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(localDate(at("2026-03-03T02:00:00Z"), "America/Chicago")).toBe("2026-03-02");
  });
});
