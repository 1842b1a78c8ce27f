import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { unzipSync } from "fflate";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { cli } from "@/tests/support/cli";
import { unique } from "@/tests/support/factories";
import {
  cleverFiles,
  editFile,
  oneRosterFiles,
  sampleModel,
  sdsV1Files,
  withoutFile,
  writeFolder,
  zipFiles,
} from "@/tests/support/roster-sets";

// `rostersync import PATH` with a folder or a .zip of a OneRoster, Clever or SDS set: detected
// from the file names, the same exit codes and JSON as a single file.

const work = mkdtempSync(path.join(os.tmpdir(), "rostersync-sets-cli-"));

beforeAll(async () => {
  if (!process.env.DATABASE_URL) {
    await closeDb();
    process.env.PGLITE_DIR = path.join(work, "pglite");
  }
});

afterAll(async () => {
  await closeDb();
  rmSync(work, { recursive: true, force: true });
});

// Each CLI run is a fresh process opening the database: minutes on a busy machine.
describe("rostersync import of a multi-file set", { timeout: 300_000 }, () => {
  const slug = `sets-${unique()}`;

  it("imports a OneRoster folder (detected), then the same set as a .zip is unchanged", async () => {
    expect((await cli("org:create", "--name", "Sets CLI", "--slug", slug, "--admin", "boss@sets.test")).code).toBe(0);
    const folder = path.join(work, "oneroster");
    writeFolder(folder, oneRosterFiles(sampleModel()));
    const result = await cli("import", folder, "--org", slug, "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ status: "applied", kind: "oneroster", fileName: "oneroster", issues: [] });
    expect(json.counts.classes.created).toBe(3);

    const zip = path.join(work, "roster.zip");
    writeFileSync(zip, zipFiles(oneRosterFiles(sampleModel()), "export"));
    const again = await cli("import", zip, "--org", slug, "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: "unchanged", kind: "oneroster" });
  });

  it("the same roster as a Clever .zip (--kind), and SDS v1 as a folder, with --dry-run", async () => {
    const zip = path.join(work, "clever.zip");
    writeFileSync(zip, zipFiles(cleverFiles(sampleModel(), { lineEnd: "\r" })));
    const clever = await cli("import", zip, "--org", slug, "--kind", "clever", "--json");
    expect(clever.code).toBe(0);
    // the same roster in another format changes nothing
    expect(JSON.parse(clever.stdout)).toMatchObject({ status: "unchanged", kind: "clever", issues: [] });

    const folder = path.join(work, "sds");
    writeFolder(folder, sdsV1Files(sampleModel()));
    const sds = await cli("import", folder, "--org", slug, "--dry-run", "--json");
    expect(sds.code).toBe(0);
    expect(JSON.parse(sds.stdout)).toMatchObject({ status: "preview", kind: "sds" });
  });

  it("reference issues carry their file in the JSON and the text report; a missing file fails with exit 1", async () => {
    const folder = path.join(work, "broken");
    writeFolder(
      folder,
      editFile(oneRosterFiles(sampleModel()), "enrollments.csv", (t) =>
        t.concat("enr-x,active,2026-08-01,C9,org-101,usr-0001,student,false,,\r\n"),
      ),
    );
    const json = await cli("import", folder, "--org", slug, "--json");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).issues).toEqual([
      {
        file: "enrollments.csv",
        row: 10,
        column: "classSourcedId",
        severity: "error",
        code: "unknown_class",
        message: expect.stringContaining('"C9"'),
      },
    ]);
    const text = await cli("import", folder, "--org", slug, "--kind", "oneroster");
    expect(text.stdout).toContain('enrollments.csv, row 10, column "classSourcedId"');

    const missing = path.join(work, "missing");
    writeFolder(missing, withoutFile(oneRosterFiles(sampleModel()), "users.csv"));
    const failed = await cli("import", missing, "--org", slug, "--kind", "oneroster", "--json");
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({
      status: "failed",
      issues: [{ file: "users.csv", code: "missing_file", message: expect.stringContaining("users.csv") }],
    });
  });

  it("export oneroster --out writes the active roster as a OneRoster 1.1 .zip that imports back", async () => {
    const out = path.join(work, "export.zip");
    const result = await cli("export", "oneroster", "--org", slug, "--out", out, "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ out, files: { "classes.csv": 3, "enrollments.csv": 8 } });
    const names = Object.keys(unzipSync(readFileSync(out))).sort();
    expect(names).toEqual([
      "academicSessions.csv",
      "classes.csv",
      "courses.csv",
      "enrollments.csv",
      "manifest.csv",
      "orgs.csv",
      "users.csv",
    ]);
    const missingOut = await cli("export", "oneroster", "--org", slug);
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toContain("--out");
  });
});
