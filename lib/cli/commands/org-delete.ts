import { getDb, migrateDatabase } from "@/db/client";
import { reportJson, reportLines } from "@/lib/privacy/deletion-report";
import { deleteOrganization } from "@/lib/privacy/delete-organization";
import { required, UsageError, type Command } from "../command";

// `rostersync org:delete SLUG --confirm SLUG`: offboarding. Every row of the organization goes
// from every table; prints the counts. Export first (`rostersync export …`): nothing is kept.

export const orgDelete: Command = {
  summary: "delete an organization and every row it owns (offboarding; export first)",
  usage: "org:delete SLUG --confirm SLUG",
  options: { confirm: { type: "string" } },
  allowPositionals: true,
  async run({ values, positionals, out }) {
    const [slug, ...extra] = positionals;
    if (!slug?.trim()) throw new UsageError("Name the organization's slug");
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    const confirm = required(values, "confirm");
    await migrateDatabase();
    const report = await deleteOrganization(await getDb(), slug, confirm, { label: "cli" });
    out.result(reportJson(report), reportLines(report));
    return 0;
  },
};
