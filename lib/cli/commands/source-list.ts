import { getDb, migrateDatabase } from "@/db/client";
import { listEveryNightlySource, listNightlySources } from "@/db/queries/nightly-sources";
import { requireOrganization } from "@/lib/organizations/require-organization";
import type { Command } from "../command";
import { alignedTable } from "../table";
import { describeSource, sourceJson } from "./source-output";

export const sourceList: Command = {
  summary: "list the nightly sources of one organization, or of every organization",
  usage: "source:list [--org SLUG]",
  options: { org: { type: "string" } },
  async run({ values, out }) {
    await migrateDatabase();
    const db = await getDb();
    const slug = typeof values.org === "string" ? values.org : undefined;
    let sources;
    if (slug !== undefined) {
      const organization = await requireOrganization(db, slug);
      sources = (await listNightlySources(db, organization.id)).map((source) => ({
        ...source,
        organizationSlug: organization.slug,
      }));
    } else {
      sources = await listEveryNightlySource(db);
    }
    const empty = slug !== undefined ? `${slug.trim().toLowerCase()} has no nightly sources.` : "No nightly sources.";
    out.result(
      { sources: sources.map((source) => sourceJson(source.organizationSlug, source)) },
      sources.length === 0
        ? [empty]
        : alignedTable(
            ["ORGANIZATION", "NAME", "KIND", "WHERE", "EXPECTED", "GRACE", "ENABLED", "LAST CHECK"],
            sources.map((source) => [
              source.organizationSlug,
              source.name,
              source.kind,
              describeSource(source),
              `${source.expectedTime} ${source.timeZone}`,
              `${source.graceMinutes} min`,
              source.enabled ? "yes" : "no",
              source.lastCheckedAt
                ? `${source.lastCheckedAt.toISOString().replace(/\.\d{3}Z$/, "Z")} ${source.lastOutcome ?? ""}`.trim()
                : "-",
            ]),
          ),
    );
    return 0;
  },
};
