import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, migrateDatabase } from "@/db/client";
import { cli } from "@/tests/support/cli";
import { makeOrganization } from "@/tests/support/factories";
import { dropFile, dropRoot, makeSource, orgFolder } from "@/tests/support/nightly";
import { combinedCsv, grid } from "@/tests/support/roster-files";

// `npx rostersync cron`: one nightly pass from the command line, on this file's database.

let tempDir: string | undefined;

beforeAll(async () => {
  process.env.NIGHTLY_DROP_ROOT = dropRoot;
  if (!process.env.DATABASE_URL) {
    await closeDb();
    tempDir = mkdtempSync(path.join(os.tmpdir(), "rostersync-cli-"));
    process.env.PGLITE_DIR = path.join(tempDir, "pglite");
    await migrateDatabase();
  }
});

afterAll(async () => {
  await closeDb();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe("rostersync cron", () => {
  it("runs one pass: prints one line per source, imports the dropped file and removes it; exit 1 when a source fails", async () => {
    const { organization } = await makeOrganization();
    await makeSource(organization, { name: "Nightly combined" });
    const file = dropFile(orgFolder(organization.slug), "roster.csv", combinedCsv(grid("101", 1, 2)), new Date(), 5);

    const human = await cli("cron");
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${organization.slug} / Nightly combined (combined): imported roster.csv: applied`);
    expect(existsSync(file)).toBe(false);

    const json = await cli("cron", "--json");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      sources: [expect.objectContaining({ organization: organization.slug, outcome: "not_due" })],
    });

    const other = await makeOrganization();
    await makeSource(other.organization, { name: "Broken", folderPath: "gone" });
    rmSync(orgFolder(other.organization.slug, "gone"), { recursive: true });
    const failing = await cli("cron", "--json");
    expect(failing.code).toBe(1);
    const body = JSON.parse(failing.stdout);
    expect(body.ok).toBe(false);
    expect(body.sources).toContainEqual(expect.objectContaining({ source: "Broken", outcome: "error" }));
  });
});
