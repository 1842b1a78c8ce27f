import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { cli } from "@/tests/support/cli";
import { unique } from "@/tests/support/factories";
import { combinedCsv, grid } from "@/tests/support/roster-files";

// The CLI contract of `undo`: exit codes as `import` (0 done, 1 refused or failed, 2 bad usage),
// exactly one JSON object on stdout with --json, --dry-run changes nothing.

const work = mkdtempSync(path.join(os.tmpdir(), "rostersync-undo-cli-"));

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

function file(name: string, bytes: Uint8Array): string {
  const target = path.join(work, name);
  writeFileSync(target, bytes);
  return target;
}

describe("rostersync undo", () => {
  const slug = `undo-${unique()}`;

  it(
    "refuses an older import while a later one changed its rows, then undoes newest first",
    { timeout: 300_000 },
    async () => {
      expect((await cli("org:create", "--name", "Undo CLI", "--slug", slug, "--admin", "boss@undo.test")).code).toBe(0);
      const a = JSON.parse(
        (await cli("import", file("a.csv", combinedCsv(grid("101", 3, 2))), "--org", slug, "--json")).stdout,
      );
      const b = JSON.parse(
        (await cli("import", file("b.csv", combinedCsv(grid("101", 3, 3))), "--org", slug, "--json")).stdout,
      );
      expect([a.status, b.status]).toEqual(["applied", "applied"]);

      const dry = await cli("undo", a.id, "--org", slug, "--dry-run", "--json");
      expect(dry.code).toBe(1);
      expect(dry.stdout.trim().split("\n")).toHaveLength(1);
      expect(JSON.parse(dry.stdout)).toMatchObject({ id: a.id, dryRun: true, undoable: false, undoFirst: [b.id] });

      const refused = await cli("undo", a.id, "--org", slug, "--json");
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout)).toMatchObject({
        error: { code: "undo_conflict" },
        conflicts: [{ importId: b.id, fileName: "b.csv" }],
      });

      const dryB = await cli("undo", b.id, "--org", slug, "--dry-run", "--json");
      expect(dryB.code).toBe(0);
      expect(JSON.parse(dryB.stdout).counts.enrollments).toEqual({
        created: 0,
        updated: 0,
        reactivated: 0,
        deactivated: 3,
      });
      const undoB = await cli("undo", b.id, "--org", slug, "--json");
      expect(undoB.code).toBe(0);
      expect(JSON.parse(undoB.stdout)).toMatchObject({ status: "applied", undoes: b.id, fileName: "b.csv" });

      const human = await cli("undo", a.id, "--org", slug);
      expect(human.code).toBe(0);
      expect(human.stdout).toContain(`Undid import ${a.id}`);
      const exported = await cli("export", "classes", "--org", slug, "--format", "json", "--all");
      expect(JSON.parse(exported.stdout)).toEqual([]);

      const again = await cli("undo", a.id, "--org", slug, "--json");
      expect(again.code).toBe(1);
      expect(JSON.parse(again.stdout).error).toEqual({
        code: "import_not_undoable",
        message: "This import has already been undone.",
      });
    },
  );

  it("bad usage exits 2; an unknown import exits 1", { timeout: 120_000 }, async () => {
    expect((await cli("undo", "--org", slug)).code).toBe(2);
    expect((await cli("undo", "00000000-0000-0000-0000-000000000000")).code).toBe(2);
    const unknown = await cli("undo", "00000000-0000-0000-0000-000000000000", "--org", slug, "--json");
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error.code).toBe("import_not_found");
  });
});
