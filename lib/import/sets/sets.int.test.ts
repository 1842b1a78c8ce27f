import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { applyPendingImport } from "@/lib/import/decide-import";
import { makeOrganization } from "@/tests/support/factories";
import { activeIds, combinedCsv, importBytes, rosterOf, writeStamp } from "@/tests/support/roster-files";
import {
  cleverFiles,
  editFile,
  oneRosterDelta,
  oneRosterFiles,
  sampleModel,
  sdsV1Files,
  sdsV21Files,
  withoutFile,
  zipFiles,
} from "@/tests/support/roster-sets";

// A multi-file set is one import with the same rules as a combined file (on a real database).

const newOrg = async () => (await makeOrganization()).organization.id;
const set = (files: Parameters<typeof zipFiles>[0]) => ({ bytes: zipFiles(files), fileName: "roster.zip" });

describe("multi-file set imports", () => {
  it("a OneRoster .zip applies as one import: schools, classes without students, co-teachers", async () => {
    const org = await newOrg();
    const { bytes, fileName } = set(oneRosterFiles(sampleModel()));
    // chosen as a combined file: the .zip is recognised as a OneRoster set
    const result = await importBytes(org, bytes, { fileName });
    expect(result).toMatchObject({ status: "applied", kind: "oneroster", issues: [] });
    expect(result.counts.classes.created).toBe(3);
    expect(result.counts.assignments.created).toBe(4);
    const ids = await activeIds(org);
    expect(ids.classes).toEqual(["C1", "C2", "C3"]);
    expect(ids.students).toEqual(["0001", "0002", "0003", "0004"]);
    expect(ids.assignments).toEqual([
      "C1/tom.hale@district.test",
      "C1/uma.iyer@district.test",
      "C2/tom.hale@district.test",
      "C3/vic.orr@district.test",
    ]);
    const roster = await rosterOf(org);
    expect(roster.classes.find((c) => c.classId === "C3")).toMatchObject({ term: "Spring 2027", schoolId: "102" });
  });

  it("the same set again is unchanged without being read; zipped again too", async () => {
    const org = await newOrg();
    const files = oneRosterFiles(sampleModel());
    await importBytes(org, zipFiles(files), { kind: "oneroster" });
    const before = await writeStamp(org);
    const again = await importBytes(org, zipFiles([...files].reverse(), "other-folder"), { kind: "oneroster" });
    expect(again.status).toBe("unchanged");
    const compared = await importBytes(org, zipFiles(files), { kind: "oneroster", alwaysCompare: true });
    expect(compared.status).toBe("unchanged");
    expect(await writeStamp(org)).toBe(before);
  });

  it("every format gives the same roster", async () => {
    const rosters = [];
    for (const [kind, files] of [
      ["oneroster", oneRosterFiles(sampleModel(), { version: "1.2" })],
      ["clever", cleverFiles(sampleModel(), { lineEnd: "\r" })],
      ["sds", sdsV1Files(sampleModel())],
    ] as const) {
      const org = await newOrg();
      const result = await importBytes(org, zipFiles(files), { kind });
      expect(result).toMatchObject({ status: "applied", kind, issues: [] });
      rosters.push(await activeIds(org));
    }
    expect(rosters[1]).toEqual(rosters[0]);
    expect(rosters[2]).toEqual(rosters[0]);
    const org = await newOrg();
    expect(await importBytes(org, zipFiles(sdsV21Files(sampleModel())), { kind: "sds" })).toMatchObject({
      status: "applied",
      issues: [],
    });
    expect(await activeIds(org)).toEqual(rosters[0]);
  });

  it("snapshot: a class or enrollment left out of the next set ends; schools not in the set are left alone", async () => {
    const org = await newOrg();
    // a school the sets never name
    await importBytes(org, combinedCsv([{ school: "900", classId: "X1", studentId: "9001" }]));
    await importBytes(org, zipFiles(oneRosterFiles(sampleModel())), { kind: "oneroster" });
    const model = sampleModel();
    model.classes = model.classes.filter((c) => c.id !== "C2");
    model.enrollments = model.enrollments.filter(([c, s]) => c !== "C2" && s !== "0002");
    const result = await importBytes(org, zipFiles(oneRosterFiles(model)), { kind: "oneroster" });
    expect(result.status).toBe("applied");
    const ids = await activeIds(org);
    expect(ids.classes).toEqual(["C1", "C3", "X1"]);
    expect(ids.enrollments).toEqual(["C1/0001", "X1/9001"]);
    expect(result.issues.map((i) => i.code)).toEqual(["school_not_in_file"]);
  });

  it("a reference error skips its row, protects what it names, and is stored with its file", async () => {
    const org = await newOrg();
    await importBytes(org, zipFiles(oneRosterFiles(sampleModel())), { kind: "oneroster" });
    // C3's school is unknown in the next set: C3 is skipped, never deactivated
    const files = editFile(oneRosterFiles(sampleModel()), "classes.csv", (t) => t.replace(",org-102,", ",org-999,"));
    const result = await importBytes(org, zipFiles(files), { kind: "oneroster" });
    expect(result.status).toBe("applied_with_errors");
    expect(result.issues).toEqual([
      expect.objectContaining({ file: "classes.csv", row: 4, column: "schoolSourcedId", code: "unknown_school" }),
    ]);
    expect((await activeIds(org)).classes).toEqual(["C1", "C2", "C3"]);
  });

  it("a missing file fails the import naming the file; nothing changes", async () => {
    const org = await newOrg();
    const result = await importBytes(org, zipFiles(withoutFile(cleverFiles(sampleModel()), "enrollments.csv")), {
      kind: "clever",
    });
    expect(result.status).toBe("failed");
    expect(result.issues).toEqual([
      expect.objectContaining({ file: "enrollments.csv", code: "missing_file", severity: "error" }),
    ]);
    expect(result.issues[0]!.message).toContain("enrollments.csv");
    expect((await activeIds(org)).classes).toEqual([]);
  });

  it("single files report file: null on their issues", async () => {
    const org = await newOrg();
    const result = await importBytes(
      org,
      combinedCsv([
        { school: "1", classId: "A", studentId: "1" },
        { school: "1", classId: "A", studentId: "2", teacherEmail: "bad" },
      ]),
    );
    expect(result.issues).toEqual([expect.objectContaining({ file: null, row: 3, code: "invalid_value" })]);
  });

  it("an upload previews, holds over the threshold, and applies after review from its staged files", async () => {
    const org = await newOrg();
    await importBytes(org, zipFiles(oneRosterFiles(sampleModel())), { kind: "oneroster" });
    const model = sampleModel();
    model.classes = model.classes.filter((c) => c.id === "C3");
    model.enrollments = [];
    const preview = await importBytes(org, zipFiles(oneRosterFiles(model)), {
      kind: "oneroster",
      source: "upload",
      mode: "preview",
      thresholdPercent: 10,
    });
    expect(preview.status).toBe("held");
    expect(preview.heldReason).toMatch(/deactivate 2 of 3 active classes/);
    expect((await activeIds(org)).classes).toEqual(["C1", "C2", "C3"]);
    const applied = await applyPendingImport(await getDb(), org, preview.id, { label: "test" });
    expect(applied.status).toBe("applied");
    expect((await activeIds(org)).classes).toEqual(["C3"]);
  });

  it("nightly-style apply over the threshold is held, and the roster is unchanged", async () => {
    const org = await newOrg();
    await importBytes(org, zipFiles(cleverFiles(sampleModel())), { kind: "clever" });
    const model = sampleModel();
    model.enrollments = [];
    const result = await importBytes(org, zipFiles(cleverFiles(model)), {
      kind: "clever",
      source: "nightly",
      thresholdPercent: 10,
    });
    expect(result.status).toBe("held");
    expect((await activeIds(org)).enrollments).toHaveLength(4);
  });

  it("SDS v1 teachers with a plain username use the organization's email domain", async () => {
    const org = await newOrg();
    const model = sampleModel();
    model.teachers = model.teachers.map((t) => ({ ...t, email: undefined, username: t.id.toLowerCase() }));
    const without = await importBytes(org, zipFiles(sdsV1Files(model)), { kind: "sds" });
    expect(without.status).toBe("applied_with_errors");
    expect(without.issues.map((i) => [i.file, i.code])).toEqual([
      ["Teacher.csv", "no_teacher_email"],
      ["Teacher.csv", "no_teacher_email"],
      ["Teacher.csv", "no_teacher_email"],
    ]);
    const withDomain = await importBytes(org, zipFiles(sdsV1Files(model)), {
      kind: "sds",
      alwaysCompare: true,
      usernameEmailDomain: "district.test",
    });
    expect(withDomain.issues).toEqual([]);
    expect((await activeIds(org)).staff).toEqual(["t1@district.test", "t2@district.test", "t3@district.test"]);
  });

  it("a OneRoster delta changes only what it lists: adds, ends and deactivates tobedeleted rows, leaves the rest", async () => {
    const org = await newOrg();
    await importBytes(org, zipFiles(oneRosterFiles(sampleModel())), { kind: "oneroster" });
    const D = "2026-09-01T00:00:00.000Z";
    const delta = oneRosterDelta({
      users: [
        [
          "usr-0005",
          "active",
          D,
          "true",
          "org-102",
          "student",
          "",
          "",
          "Eve",
          "Park",
          "",
          "0005",
          "",
          "",
          "",
          "",
          "08",
        ],
        [
          "usr-0002",
          "active",
          D,
          "true",
          "org-101",
          "student",
          "",
          "",
          "Ben",
          "Kim",
          "",
          "0002",
          "ben.kim@students.test",
          "",
          "",
          "",
          "10",
        ],
        ["usr-0004", "tobedeleted", D, "true", "org-101", "student", "", "", "Dee", "Ray", "", "0004"],
      ],
      classes: [["C2", "tobedeleted", D, "Biology", "", "", "", "", "", "org-101", "term-Fall-2026"]],
      enrollments: [
        ["e-new", "active", D, "C3", "org-102", "usr-0005", "student", "false"],
        ["e-old", "tobedeleted", D, "C1", "org-101", "usr-0002", "student", "false"],
        ["e-x", "active", D, "C3", "org-102", "usr-9999", "student", "false"],
      ],
    });
    const result = await importBytes(org, zipFiles(delta), { kind: "oneroster" });
    expect(result.status).toBe("applied_with_errors");
    expect(result.issues.map((i) => i.code)).toEqual(["unknown_reference"]);
    expect(result.counts.students).toMatchObject({ created: 1, deactivated: 1 });
    expect(result.counts.classes).toMatchObject({ deactivated: 1 });
    const ids = await activeIds(org);
    expect(ids.classes).toEqual(["C1", "C3"]);
    expect(ids.students).toEqual(["0001", "0002", "0003", "0005"]);
    // C1/0002 ended by its tobedeleted row; C2's enrollments end with C2; nothing else changes
    expect(ids.enrollments).toEqual(["C1/0001", "C3/0005"]);
    expect(ids.assignments).toEqual([
      "C1/tom.hale@district.test",
      "C1/uma.iyer@district.test",
      "C3/vic.orr@district.test",
    ]);
  });
});
