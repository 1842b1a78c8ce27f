import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "@/tests/support/cli";
import { closeDb } from "@/db/client";
import { unique } from "@/tests/support/factories";
import { bigRosterXlsx } from "@/tests/support/big-xlsx";
import { combinedCsv, grid } from "@/tests/support/roster-files";

// The CLI contract of `import`, `apply`, `discard` and `imports` as scripts outside the project
// use it: exit codes 0 / 3 / 1 / 2 and exactly one JSON object on stdout with --json.

const work = mkdtempSync(path.join(os.tmpdir(), "rostersync-import-cli-"));

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

function file(name: string, bytes: Uint8Array | string): string {
  const target = path.join(work, name);
  writeFileSync(target, bytes);
  return target;
}

const zero = { created: 0, updated: 0, reactivated: 0, deactivated: 0 };

describe("rostersync import / apply / discard / imports", () => {
  const slug = `imp-${unique()}`;
  const full = grid("101", 10, 2);

  it("imports a combined file: exit 0 and exactly one JSON object in the documented shape", async () => {
    expect((await cli("org:create", "--name", "Import CLI", "--slug", slug, "--admin", "boss@imp.test")).code).toBe(0);
    const result = await cli("import", file("nightly.csv", combinedCsv(full)), "--org", slug, "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(["id", "status", "kind", "fileName", "rows", "counts", "issues"]);
    expect(json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: "applied",
      kind: "combined",
      fileName: "nightly.csv",
      rows: 20,
      counts: {
        schools: { ...zero, created: 1 },
        terms: { ...zero, created: 1 },
        classes: { ...zero, created: 10 },
        students: { ...zero, created: 2 },
        staff: { ...zero, created: 10 },
        enrollments: { ...zero, created: 20 },
        assignments: { ...zero, created: 10 },
      },
      issues: [],
    });
    const again = await cli("import", file("nightly.csv", combinedCsv(full)), "--org", slug, "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).status).toBe("unchanged");
  });

  it("a file that would deactivate too much is held (exit 3); discard leaves the roster as it was", async () => {
    const truncated = file("truncated.csv", combinedCsv(full.slice(0, 4)));
    const held = await cli("import", truncated, "--org", slug, "--json");
    expect(held.code).toBe(3);
    const json = JSON.parse(held.stdout);
    expect(json.status).toBe("held");
    expect(json.heldReason).toContain("would deactivate 8 of 10 active classes (80 %)");
    expect(Object.keys(json)).toEqual(["id", "status", "kind", "fileName", "rows", "heldReason", "counts", "issues"]);

    const discarded = await cli("discard", json.id, "--json");
    expect(discarded.code).toBe(0);
    expect(JSON.parse(discarded.stdout).status).toBe("discarded");
    const again = await cli("apply", json.id, "--json");
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toEqual({
      error: {
        code: "import_already_decided",
        message: expect.stringMatching(/^This import was already discarded by cli at .+\.$/),
      },
    });
  });

  it("--dry-run stops at a preview (exit 0); apply applies it", async () => {
    const next = [
      ...full,
      { school: "101", classId: "101-C1", studentId: "101-S3", teacherEmail: "t1.101@district.test" },
    ];
    const preview = await cli("import", file("next.csv", combinedCsv(next)), "--org", slug, "--dry-run", "--json");
    expect(preview.code).toBe(0);
    const json = JSON.parse(preview.stdout);
    expect(json).toMatchObject({
      status: "preview",
      counts: { students: { ...zero, created: 1 }, enrollments: { ...zero, created: 1 } },
    });

    const applied = await cli("apply", json.id, "--json");
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({
      id: json.id,
      status: "applied",
      counts: { students: { ...zero, created: 1 } },
    });

    const human = await cli("import", file("next.csv", combinedCsv(next)), "--org", slug);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Import [0-9a-f-]{36}: unchanged \(combined, next\.csv, 21 rows\)/);
  });

  it("a file error fails the import (exit 1) with the error as an issue", async () => {
    const result = await cli("import", file("empty.csv", ""), "--org", slug, "--kind", "staff", "--json");
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ status: "failed", kind: "staff", fileName: "empty.csv", rows: 0 });
    expect(json.issues).toHaveLength(1);
    expect(json.issues[0]).toMatchObject({ row: null, severity: "error", code: "empty_file" });
  });

  it("bad usage exits 2 and names the problem", async () => {
    const csvFile = file("x.csv", combinedCsv(full));
    const noOrg = await cli("import", csvFile, "--json");
    expect(noOrg.code).toBe(2);
    expect(JSON.parse(noOrg.stdout).error.message).toContain("Missing --org");
    const badKind = await cli("import", csvFile, "--org", slug, "--kind", "teachers");
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain(
      '--kind must be one of combined, staff, students, oneroster, clever, sds (got "teachers")',
    );
    const noFile = await cli("import", path.join(work, "missing.csv"), "--org", slug);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("No file or folder at");
    const unknownOrg = await cli("import", csvFile, "--org", "no-such-org", "--json");
    expect(unknownOrg.code).toBe(1);
    expect(JSON.parse(unknownOrg.stdout)).toEqual({
      error: { code: "org_not_found", message: 'No organization with slug "no-such-org"' },
    });
  });

  it("imports lists every import, newest first", async () => {
    const result = await cli("imports", "--org", slug, "--json");
    expect(result.code).toBe(0);
    const { imports } = JSON.parse(result.stdout) as { imports: Array<{ status: string; fileName: string }> };
    expect(imports.map((i) => [i.status, i.fileName])).toEqual([
      ["failed", "empty.csv"],
      ["unchanged", "next.csv"],
      ["applied", "next.csv"],
      ["discarded", "truncated.csv"],
      ["unchanged", "nightly.csv"],
      ["applied", "nightly.csv"],
    ]);
  });
});

describe("rostersync import of a spreadsheet", () => {
  it("reads an XLSX in a worker thread under the CLI (tsx) and applies it", { timeout: 120_000 }, async () => {
    const slug = `xlsx-${unique()}`;
    expect((await cli("org:create", "--name", "XLSX CLI", "--slug", slug, "--admin", "boss@xlsx.test")).code).toBe(0);
    const result = await cli("import", file("nightly.xlsx", bigRosterXlsx(30).bytes), "--org", slug, "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "applied", fileName: "nightly.xlsx", rows: 30 });
  });
});
