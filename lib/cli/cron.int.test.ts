import { existsSync, rmSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, cliDatabasePerFile } from "@/tests/support/cli";
import { makeOrganization } from "@/tests/support/factories";
import { dropFile, dropRoot, makeSource, orgFolder } from "@/tests/support/nightly";
import { combinedCsv, grid } from "@/tests/support/roster-files";

// `npx rostersync cron`: one nightly pass from the command line, on this file's database.

beforeAll(() => {
  process.env.NIGHTLY_DROP_ROOT = dropRoot;
});
cliDatabasePerFile();

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
