import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listNightlySources } from "@/db/queries/nightly-sources";
import { UserFacingError } from "@/lib/errors";
import { makeOrganization } from "@/tests/support/factories";
import { dropRoot, makeSource, orgFolder, testCredentialKey } from "@/tests/support/nightly";
import { createNightlySource } from "./create-nightly-source";
import type { NightlySourceInput } from "./nightly-source-schema";
import { NOT_ENABLED } from "./source-capabilities";

// What an admin can and cannot save in Settings → Nightly sync: each refusal says what to fix.

const base: NightlySourceInput = {
  name: "Nightly",
  kind: "combined",
  type: "folder",
  folderPath: "",
  expectedTime: "06:00",
  timeZone: "America/Chicago",
  graceMinutes: 120,
};

async function attempt(
  organization: { id: string; slug: string },
  input: Partial<NightlySourceInput>,
  options: { key?: boolean; root?: string | undefined } = {},
) {
  const noKey = () => {
    throw new UserFacingError(NOT_ENABLED.credentials, "no_credentials_key");
  };
  return createNightlySource(
    await getDb(),
    organization,
    { ...base, ...input },
    {
      userId: null,
      dropRoot: "root" in options ? options.root : dropRoot,
      credentialKey: options.key === false ? noKey : () => testCredentialKey,
    },
  );
}

describe("createNightlySource", () => {
  it("refuses what cannot work, saying what to fix, and stores nothing", async () => {
    const { organization } = await makeOrganization();
    orgFolder(organization.slug);
    const refusals: Array<[Partial<NightlySourceInput>, RegExp, { key?: boolean; root?: string | undefined }?]> = [
      [{ name: " " }, /Name the source/],
      [{ folderPath: "../other-district" }, /no \.\./],
      [{ folderPath: "/etc" }, /does not exist/], // taken as a subfolder "etc" of the organization's folder
      [{ folderPath: "missing" }, /does not exist/],
      [{}, /operator has not enabled drop folders/, { root: undefined }],
      [{ type: "url", url: "" }, /https:\/\/ address/],
      [{ type: "url", url: "http://sis.example.org/roster.csv" }, /Only https/],
      [{ type: "url", url: "https://sis.example.org/r.csv", credentialHeaderValue: "k" }, /Name the header/],
      [{ type: "url", url: "https://sis.example.org/r.csv", credentialHeaderName: "X-API-Key" }, /credential's value/],
      [
        {
          type: "url",
          url: "https://sis.example.org/r.csv",
          credentialHeaderName: "X API Key",
          credentialHeaderValue: "k",
        },
        /header name/,
      ],
      [
        {
          type: "url",
          url: "https://sis.example.org/r.csv",
          credentialHeaderName: "X-API-Key",
          credentialHeaderValue: "k",
        },
        /operator has not enabled saved credentials/,
        { key: false },
      ],
      [{ expectedTime: "6am" }, /HH:MM/],
      [{ timeZone: "Central" }, /time zone/],
      [{ graceMinutes: 721 }, /0 to 720/],
    ];
    for (const [input, message, options] of refusals) {
      await expect(attempt(organization, input, options), JSON.stringify(input)).rejects.toThrow(message);
    }
    expect(await listNightlySources(await getDb(), organization.id)).toEqual([]);
  });

  it("names are unique in an organization, not across organizations; a URL source without a credential needs no key", async () => {
    const first = await makeOrganization();
    const second = await makeOrganization();
    await makeSource(first.organization, { name: "SIS" });
    await expect(makeSource(first.organization, { name: "SIS" })).rejects.toThrow(/already exists/);
    await expect(makeSource(second.organization, { name: "SIS" })).resolves.toMatchObject({
      name: "SIS",
      organizationId: second.organization.id,
    });
    const url = await attempt(
      first.organization,
      { name: "URL", type: "url", url: "https://sis.example.org/r.csv" },
      { key: false },
    );
    expect(url).toMatchObject({
      type: "url",
      folderPath: null,
      credentialHeaderName: null,
      credentialHeaderValueEncrypted: null,
    });
  });
});
