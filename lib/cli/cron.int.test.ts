import { existsSync } from "node:fs";
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
  it("enqueues one pass: prints one line per source and what it queued, and pulls nothing itself", async () => {
    const { organization } = await makeOrganization();
    await makeSource(organization, { name: "Nightly combined" });
    const file = dropFile(orgFolder(organization.slug), "roster.csv", combinedCsv(grid("101", 1, 2)), new Date(), 5);

    const human = await cli("cron");
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${organization.slug} / Nightly combined (combined): queued`);
    expect(existsSync(file)).toBe(true);

    const json = await cli("cron", "--json");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      queued: 0,
      sources: [expect.objectContaining({ organization: organization.slug, outcome: "already_queued" })],
    });
  }, 120_000);
});
