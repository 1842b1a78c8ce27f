import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listNightlySources } from "@/db/queries/nightly-sources";
import { UsageError } from "@/lib/cli/command";
import { sourceAdd } from "@/lib/cli/commands/source-add";
import { UserFacingError } from "@/lib/errors";
import { cli, cliDatabasePerFile } from "@/tests/support/cli";
import { makeOrganization } from "@/tests/support/factories";
import { dropRoot, makeSource, orgFolder } from "@/tests/support/nightly";

// `rostersync source:add` / `source:list`: a deployment's nightly sources set up without the browser.

beforeAll(() => {
  process.env.NIGHTLY_DROP_ROOT = dropRoot;
  process.env.SOURCE_CREDENTIALS_KEY = randomBytes(32).toString("base64");
  process.env.SIS_TOKEN = "Bearer s3cret";
});
cliDatabasePerFile();

const folderArgs = (slug: string, folder: string, ...more: string[]) => [
  "source:add",
  "--org",
  slug,
  "--kind",
  "combined",
  "--drop-folder",
  folder,
  "--pattern",
  "roster_*.csv",
  "--expected-at",
  "05:30",
  ...more,
];

/** What `source:add` throws for these arguments, run in this process: a UserFacingError's code or "usage". */
async function errorOf([, ...args]: string[]): Promise<string> {
  const { values, positionals } = parseArgs({ args, options: sourceAdd.options, strict: true });
  const out = { json: true, result: () => {}, note: () => {} };
  try {
    await sourceAdd.run({ values: values as Record<string, string | boolean | undefined>, positionals, out });
    return "none";
  } catch (error) {
    if (error instanceof UsageError) return "usage";
    if (error instanceof UserFacingError) return error.code;
    throw error;
  }
}

const urlArgs = (slug: string, url: string, ...more: string[]) => [
  "source:add",
  "--org",
  slug,
  "--kind",
  "staff",
  "--url",
  url,
  "--expected-at",
  "04:00",
  ...more,
];

describe("rostersync source:add", () => {
  it("adds a drop-folder source from a subfolder or an absolute path below the organization's folder", async () => {
    const { organization } = await makeOrganization({ timeZone: "America/Denver" });
    orgFolder(organization.slug, "sis");
    const added = await cli(...folderArgs(organization.slug, "sis", "--json"));
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      source: {
        organization: organization.slug,
        name: "combined — sis/roster_*.csv",
        kind: "combined",
        type: "folder",
        folder: "sis",
        pattern: "roster_*.csv",
        expectedAt: "05:30",
        timeZone: "America/Denver",
        graceMinutes: 120,
      },
    });

    const absolute = path.join(dropRoot, organization.slug, "students");
    const human = await cli(
      ...folderArgs(organization.slug, absolute, "--kind", "students", "--name", "Students", "--create-folder"),
    );
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`Added nightly source "Students" to ${organization.slug}`);

    const sources = await listNightlySources(await getDb(), organization.id);
    const stored = sources.map((source) => [source.name, source.kind, source.folderPath, source.expectedTime]);
    expect(stored).toHaveLength(2);
    expect(stored).toEqual(
      expect.arrayContaining([
        ["combined — sis/roster_*.csv", "combined", "sis", "05:30"],
        ["Students", "students", "students", "05:30"],
      ]),
    );
  });

  it("adds a URL source; the credential comes from an environment variable and is never printed", async () => {
    const { organization } = await makeOrganization();
    const result = await cli(
      ...urlArgs(organization.slug, "https://sis.example.org/staff.csv"),
      "--header-name",
      "Authorization",
      "--header-value-env",
      "SIS_TOKEN",
      "--time-zone",
      "UTC",
      "--grace",
      "30",
      "--json",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("s3cret");
    expect(JSON.parse(result.stdout).source).toMatchObject({
      type: "url",
      url: "https://sis.example.org/staff.csv",
      credentialHeader: "Authorization",
      timeZone: "UTC",
      graceMinutes: 30,
    });
    const [source] = await listNightlySources(await getDb(), organization.id);
    expect(source?.credentialHeaderValueEncrypted).toBeTruthy();
    expect(source?.credentialHeaderValueEncrypted).not.toContain("s3cret");
  }, 60_000);

  it("refuses bad input with exit 1 or 2 and stores nothing", async () => {
    const { organization } = await makeOrganization();
    orgFolder(organization.slug, "sis");
    const outside = mkdtempSync(path.join(os.tmpdir(), "rostersync-outside-"));
    mkdirSync(path.join(dropRoot, "someone-else"), { recursive: true });
    symlinkSync(outside, path.join(dropRoot, organization.slug, "escape"));
    // As the operator runs it (a child process): the exit code and the JSON error.
    const spawned: Array<[string[], number, string]> = [
      [folderArgs("no-such-org", "sis"), 1, "org_not_found"],
      [folderArgs(organization.slug, path.join(dropRoot, "someone-else")), 1, "folder_outside_root"],
      [folderArgs(organization.slug, "escape"), 1, "folder_outside_root"],
      [folderArgs(organization.slug, "missing"), 1, "folder_missing"],
      [folderArgs(organization.slug, "sis", "--expected-at", "25:00"), 1, "invalid_input"],
      [["source:add", "--org", organization.slug, "--kind", "combined", "--expected-at", "05:00"], 2, "usage"],
    ];
    for (const [args, code, errorCode] of spawned) {
      const result = await cli(...args, "--json");
      expect({ args, code: result.code }).toEqual({ args, code });
      expect({ args, error: JSON.parse(result.stdout).error.code }).toEqual({ args, error: errorCode });
    }
    // The rest in this process (a child process costs seconds; this process's settings have no
    // drop root, so only what is refused before the folder is looked at): the error each throws.
    const inProcess: Array<[string[], string]> = [
      [folderArgs(organization.slug, "../someone-else"), "invalid_folder"],
      [folderArgs(organization.slug, "sis", "--expected-at", "5pm"), "invalid_input"],
      [folderArgs(organization.slug, "sis", "--kind", "teachers"), "invalid_input"],
      [folderArgs(organization.slug, "sis", "--time-zone", "Mars/Olympus"), "invalid_input"],
      [folderArgs(organization.slug, "sis", "--grace", "lots"), "invalid_input"],
      [folderArgs(organization.slug, "sis", "--url", "https://sis.example.org/x.csv"), "usage"],
      [urlArgs(organization.slug, "http://sis.example.org/x.csv"), "invalid_url"],
      [urlArgs(organization.slug, "https://sis.example.org/x.csv", "--header-name", "X-API-Key"), "usage"],
      [
        urlArgs(
          organization.slug,
          "https://sis.example.org/x.csv",
          "--header-name",
          "X-API-Key",
          "--header-value-env",
          "NOT_SET_ANYWHERE",
        ),
        "usage",
      ],
    ];
    for (const [args, errorCode] of inProcess) {
      expect({ args, error: await errorOf(args) }).toEqual({ args, error: errorCode });
    }
    const duplicate = await cli(...folderArgs(organization.slug, "sis", "--name", "One"));
    expect(duplicate.code).toBe(0);
    const again = await cli(...folderArgs(organization.slug, "sis", "--name", "One", "--json"));
    expect(JSON.parse(again.stdout).error.code).toBe("duplicate_name");
    expect((await listNightlySources(await getDb(), organization.id)).map((source) => source.name)).toEqual(["One"]);
    rmSync(outside, { recursive: true, force: true });
  }, 180_000);
});

describe("rostersync source:list", () => {
  it("lists one organization's sources, or every organization's, as a table or JSON", async () => {
    const first = await makeOrganization();
    const second = await makeOrganization();
    for (const { organization } of [first, second]) await makeSource(organization, { folderPath: "sis" });
    const one = await cli("source:list", "--org", first.organization.slug, "--json");
    expect(one.code).toBe(0);
    const listed = JSON.parse(one.stdout).sources;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ organization: first.organization.slug, folder: "sis", enabled: true });

    const all = await cli("source:list", "--json");
    const slugs = JSON.parse(all.stdout).sources.map((source: { organization: string }) => source.organization);
    expect(slugs).toEqual(expect.arrayContaining([first.organization.slug, second.organization.slug]));

    const table = await cli("source:list", "--org", second.organization.slug);
    expect(table.stdout.split("\n")[0]).toMatch(/^ORGANIZATION\s+NAME\s+KIND\s+WHERE\s+EXPECTED/);
    expect(table.stdout).toContain("sis/*.csv");

    const empty = await makeOrganization();
    expect((await cli("source:list", "--org", empty.organization.slug)).stdout).toContain("has no nightly sources");
    expect((await cli("source:list", "--org", "no-such-org", "--json")).code).toBe(1);
  }, 180_000);
});
