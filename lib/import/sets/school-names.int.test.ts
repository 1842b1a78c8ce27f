import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { schools } from "@/db/schema/roster";
import { renameSchool } from "@/db/queries/roster-schools";
import { listImportChanges } from "@/lib/import/change-list";
import { applyPendingImport } from "@/lib/import/decide-import";
import { undoImport } from "@/lib/import/undo-import";
import type { SetFile } from "@/lib/import/sets/set-files";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, importBytes, rosterOf } from "@/tests/support/roster-files";
import {
  cleverFiles,
  oneRosterFiles,
  sampleModel,
  sdsV1Files,
  sdsV21Files,
  zipFiles,
  type SetModel,
} from "@/tests/support/roster-sets";

// A set's school names (OneRoster/SDS v2.1 orgs.csv `name`, Clever `School_name`, SDS v1 `Name`)
// become the schools' names: created with it, renamed when the file's name changes (an update the
// preview counts and lists, and undo puts back), kept when the file gives none. The file is the
// source of truth, as for every other field: it also wins over a name an admin typed.

const newOrg = async () => (await makeOrganization()).organization.id;
const actor = { label: "test" };

const FORMATS: Array<[kind: "oneroster" | "clever" | "sds", label: string, write: (m: SetModel) => SetFile[]]> = [
  ["oneroster", "OneRoster", (m) => oneRosterFiles(m)],
  ["clever", "Clever", (m) => cleverFiles(m)],
  ["sds", "SDS v1", (m) => sdsV1Files(m)],
  ["sds", "SDS v2.1", (m) => sdsV21Files(m)],
];

const withNames = (names: Record<string, string>): SetModel => {
  const model = sampleModel();
  model.schools = model.schools.map((s) => ({ ...s, name: names[s.id] ?? s.name }));
  return model;
};

/** A school's database id (what the Schools tab's rename form sends). */
async function schoolKey(org: string, schoolId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ id: schools.id })
    .from(schools)
    .where(and(eq(schools.organizationId, org), eq(schools.schoolId, schoolId)));
  if (!row) throw new Error(`no school ${schoolId}`);
  return row.id;
}

async function schoolNames(org: string) {
  return Object.fromEntries((await rosterOf(org)).schools.map((s) => [s.schoolId, s.name]));
}

describe("school names from a set", () => {
  for (const [kind, label, write] of FORMATS) {
    it(`${label}: names new schools, renames a school whose name changed, and undo puts the old name back`, async () => {
      const org = await newOrg();
      const first = await importBytes(org, zipFiles(write(sampleModel())), { kind });
      expect(first).toMatchObject({ status: "applied", issues: [] });
      expect(await schoolNames(org)).toEqual({ "101": "North High", "102": "South Middle" });

      const renamed = await importBytes(org, zipFiles(write(withNames({ "102": "South Middle School" }))), { kind });
      expect(renamed.status).toBe("applied");
      expect(renamed.counts.schools).toEqual({ created: 0, updated: 1, reactivated: 0, deactivated: 0 });
      expect(await schoolNames(org)).toEqual({ "101": "North High", "102": "South Middle School" });

      await undoImport(await getDb(), org, renamed.id, actor);
      expect(await schoolNames(org)).toEqual({ "101": "North High", "102": "South Middle" });
    });
  }

  it("a blank name, or the id as name, keeps the school's name; a combined file (no name column) keeps it too", async () => {
    const org = await newOrg();
    await importBytes(org, zipFiles(oneRosterFiles(sampleModel())), { kind: "oneroster" });
    const blank = await importBytes(org, zipFiles(oneRosterFiles(withNames({ "101": "", "102": "102" }))), {
      kind: "oneroster",
    });
    expect(blank.status).toBe("unchanged");
    expect(await schoolNames(org)).toEqual({ "101": "North High", "102": "South Middle" });

    const combined = await importBytes(org, combinedCsv([{ school: "101", classId: "X1", studentId: "9001" }]));
    expect(combined.counts.schools.updated).toBe(0);
    expect(await schoolNames(org)).toEqual({ "101": "North High", "102": "South Middle" });

    // a new school without a name, or with its id as its name, is created unnamed
    const model = sampleModel();
    model.schools.push({ id: "103", name: "" }, { id: "104", name: "104" }, { id: "105", name: "East\r\n  Campus" });
    await importBytes(org, zipFiles(cleverFiles(model)), { kind: "clever" });
    expect(await schoolNames(org)).toMatchObject({ "103": null, "104": null, "105": "East Campus" });
  });

  it("the file's name wins over a name an admin gave; the same name is no change", async () => {
    const org = await newOrg();
    const db = await getDb();
    await importBytes(org, zipFiles(oneRosterFiles(sampleModel())), { kind: "oneroster" });
    expect(await renameSchool(db, org, await schoolKey(org, "102"), "Southside")).toBe("102");
    const again = await importBytes(org, zipFiles(oneRosterFiles(sampleModel())), {
      kind: "oneroster",
      alwaysCompare: true,
    });
    expect(again.counts.schools.updated).toBe(1);
    expect(await schoolNames(org)).toEqual({ "101": "North High", "102": "South Middle" });

    // an admin's name that the file also gives is no change
    await renameSchool(db, org, await schoolKey(org, "101"), "North High");
    const same = await importBytes(org, zipFiles(oneRosterFiles(sampleModel())), {
      kind: "oneroster",
      alwaysCompare: true,
    });
    expect(same.status).toBe("unchanged");
  });

  it("a preview counts and lists the renamed school; the applied import lists the change under the new name", async () => {
    const org = await newOrg();
    const db = await getDb();
    await importBytes(org, zipFiles(sdsV1Files(sampleModel())), { kind: "sds" });
    const preview = await importBytes(org, zipFiles(sdsV1Files(withNames({ "101": "North High School" }))), {
      kind: "sds",
      source: "upload",
      mode: "preview",
    });
    expect(preview.status).toBe("preview");
    expect(preview.counts.schools.updated).toBe(1);
    const page = { type: "schools", change: "updated", search: "", limit: 10, offset: 0 } as const;
    expect(await listImportChanges(db, org, preview.id, page)).toEqual({
      available: true,
      total: 1,
      items: ["North High (101): name North High → North High School"],
    });
    expect(await schoolNames(org)).toEqual({ "101": "North High", "102": "South Middle" });

    const applied = await applyPendingImport(db, org, preview.id, actor);
    expect(applied.counts.schools.updated).toBe(1);
    expect(await schoolNames(org)).toEqual({ "101": "North High School", "102": "South Middle" });
    expect(await listImportChanges(db, org, preview.id, page)).toEqual({
      available: true,
      total: 1,
      items: ["North High School (101): name North High → North High School"],
    });
  });

  it("a school the set reactivates takes the file's name with it", async () => {
    const org = await newOrg();
    const db = await getDb();
    await importBytes(org, zipFiles(oneRosterFiles(sampleModel())), { kind: "oneroster" });
    await db
      .update(schools)
      .set({ active: false })
      .where(eq(schools.id, await schoolKey(org, "102")));
    const result = await importBytes(org, zipFiles(oneRosterFiles(withNames({ "102": "South Middle School" }))), {
      kind: "oneroster",
    });
    expect(result.counts.schools).toEqual({ created: 0, updated: 0, reactivated: 1, deactivated: 0 });
    expect((await rosterOf(org)).schools).toContainEqual({
      schoolId: "102",
      name: "South Middle School",
      active: true,
    });

    await undoImport(db, org, result.id, actor);
    expect((await rosterOf(org)).schools).toContainEqual({ schoolId: "102", name: "South Middle", active: false });
  });
});
