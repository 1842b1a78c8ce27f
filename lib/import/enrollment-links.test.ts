import { describe, expect, it } from "vitest";
import { EnrollmentLinks, EnrollmentPairs, pairKey } from "./validated-file";

// A file's enrollments are held compactly (validated-file.ts EnrollmentLinks): it must answer
// exactly as the Map of pair keys it replaces did.

describe("EnrollmentLinks", () => {
  it("answers as a Map of pair keys would, through growth, deletes and repeats", () => {
    const links = new EnrollmentLinks();
    const map = new Map<string, string | string[]>();
    const put = (classId: string, studentId: string, teachers: string | string[]) => {
      links.setTeachers(classId, studentId, teachers);
      map.set(pairKey(classId, studentId), teachers);
    };
    for (let i = 0; i < 5_000; i++) put(`C${i % 97}`, `S${i}`, `t${i % 13}@example.org`);
    put("C1", "S1", ["a@example.org", "b@example.org"]);
    put("C1", "S1", ["a@example.org", "b@example.org", "c@example.org"]);
    for (let i = 0; i < 5_000; i += 7) {
      expect(links.delete(pairKey(`C${i % 97}`, `S${i}`))).toBe(map.delete(pairKey(`C${i % 97}`, `S${i}`)));
    }
    expect(links.delete(pairKey("C0", "S0"))).toBe(false); // already deleted
    put("C0", "S0", "back@example.org"); // set again after its delete: revived, in its first place
    map.delete(pairKey("C0", "S0"));
    map.set(pairKey("C0", "S0"), "back@example.org");

    expect(links.size).toBe(map.size);
    expect(new Set(links.keys())).toEqual(new Set(map.keys()));
    for (const key of map.keys()) {
      expect(links.has(key)).toBe(true);
      expect(links.get(key)).toEqual(map.get(key));
    }
    expect(links.get(pairKey("C1", "S1"))).toEqual(["a@example.org", "b@example.org", "c@example.org"]);
    expect(links.has(pairKey("C7", "S7"))).toBe(false); // deleted
    expect(links.has(pairKey("C1", "S2"))).toBe(false); // both ids known, never linked
    expect(links.has(pairKey("nope", "S1"))).toBe(false);
    expect(links.teachersOf("C3", "S3")).toBe("t3@example.org");
    // Keys come in the order links were first set (a link set again after its delete keeps its place).
    expect([...links.keys()].slice(0, 3)).toEqual([pairKey("C0", "S0"), pairKey("C1", "S1"), pairKey("C2", "S2")]);
  });

  it("keeps each id once, as the string it was given (no copy per link)", () => {
    const links = new EnrollmentLinks();
    const classId = "class-with-a-long-id-0001";
    links.setTeachers(classId, "S1", "t@example.org");
    links.setTeachers(`${"class-with-a-long-id-"}0001`, "S2", "t@example.org");
    const pairs = new EnrollmentPairs(links);
    pairs.push(pairKey(classId, "S2"));
    pairs.push(pairKey(classId, "S1"));
    expect(pairs.length).toBe(2);
    expect([pairs.classIdAt(0), pairs.studentIdAt(0), pairs.studentIdAt(1)]).toEqual([classId, "S2", "S1"]);
    expect([...pairs.keys()]).toEqual([pairKey(classId, "S2"), pairKey(classId, "S1")]);
    expect(() => pairs.push(pairKey(classId, "S3"))).toThrowError(/no enrollment/);
  });
});
