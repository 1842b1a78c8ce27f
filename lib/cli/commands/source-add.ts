import { mkdir } from "node:fs/promises";
import path from "node:path";
import { getDb, migrateDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { requireOrganization } from "@/lib/organizations/require-organization";
import { createNightlySource } from "@/lib/sources/create-nightly-source";
import { credentialKey } from "@/lib/sources/credential-cipher";
import type { NightlySourceInput } from "@/lib/sources/nightly-source-schema";
import { organizationDropRoot, subfolderFromOperatorPath } from "@/lib/sources/resolve-drop-folder";
import { required, UsageError, type Command } from "../command";
import { describeSource, sourceJson } from "./source-output";

// `rostersync source:add`: a nightly source set up from a script, as Settings → Nightly sync adds
// one. A drop folder is given relative to the organization's folder or as an absolute path inside
// it; a URL's credential is read from an environment variable so it stays out of shell history.

export const sourceAdd: Command = {
  summary: "add a nightly source (a drop folder or an https:// URL) to an organization",
  usage:
    "source:add --org SLUG --kind KIND (--drop-folder DIR [--pattern GLOB] [--create-folder] | --url URL [--header-name NAME --header-value-env VAR]) --expected-at HH:MM [--time-zone TZ] [--grace MINUTES] [--name NAME]",
  options: {
    org: { type: "string" },
    kind: { type: "string" },
    "drop-folder": { type: "string" },
    pattern: { type: "string" },
    "create-folder": { type: "boolean" },
    url: { type: "string" },
    "header-name": { type: "string" },
    "header-value-env": { type: "string" },
    "expected-at": { type: "string" },
    "time-zone": { type: "string" },
    grace: { type: "string" },
    name: { type: "string" },
  },
  async run({ values, out }) {
    const slug = required(values, "org");
    const kind = required(values, "kind").trim();
    const expectedTime = required(values, "expected-at");
    const folder = optional(values, "drop-folder");
    const url = optional(values, "url");
    if ((folder === undefined) === (url === undefined)) throw new UsageError("Give either --drop-folder or --url");
    const credential = credentialFromEnv(values);
    if (folder !== undefined && credential.credentialHeaderName) {
      throw new UsageError("--header-name is for URL sources");
    }
    await migrateDatabase();
    const db = await getDb();
    const organization = await requireOrganization(db, slug);
    const location =
      folder !== undefined
        ? {
            type: "folder" as const,
            folderPath: subfolderFromOperatorPath(env.NIGHTLY_DROP_ROOT, organization.slug, folder),
            filePattern: optional(values, "pattern") ?? "*",
          }
        : { type: "url" as const, url, ...credential };
    if (location.type === "folder" && values["create-folder"] === true) {
      const base = organizationDropRoot(env.NIGHTLY_DROP_ROOT, organization.slug);
      await mkdir(path.join(base, location.folderPath), { recursive: true });
    }
    const source = await createNightlySource(
      db,
      organization,
      {
        name: optional(values, "name") ?? defaultName(kind, location),
        kind: kind as NightlySourceInput["kind"], // checked by the source schema, which names the kinds
        ...location,
        expectedTime,
        timeZone: optional(values, "time-zone") ?? organization.timeZone,
        graceMinutes: optional(values, "grace") ?? 120,
      },
      { userId: null, dropRoot: env.NIGHTLY_DROP_ROOT, credentialKey },
    );
    out.result({ source: sourceJson(organization.slug, source) }, [
      `Added nightly source "${source.name}" to ${organization.slug}: ${describeSource(source)}.`,
    ]);
    return 0;
  },
};

function optional(values: Record<string, string | boolean | undefined>, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The header credential, its value read from the environment variable the operator names. */
function credentialFromEnv(values: Record<string, string | boolean | undefined>) {
  const headerName = optional(values, "header-name");
  const variable = optional(values, "header-value-env");
  if (!headerName && !variable) return {};
  if (!headerName || !variable) throw new UsageError("Give --header-name and --header-value-env together");
  const value = process.env[variable];
  if (!value) throw new UsageError(`The environment variable ${variable} is not set`);
  return { credentialHeaderName: headerName, credentialHeaderValue: value };
}

function defaultName(
  kind: string,
  location: { type: "folder"; folderPath: string; filePattern: string } | { url?: string },
) {
  if ("folderPath" in location)
    return `${kind} — ${location.folderPath ? `${location.folderPath}/` : ""}${location.filePattern}`;
  const host = URL.canParse(location.url ?? "") ? new URL(location.url ?? "").host : "URL";
  return `${kind} — ${host}`;
}
