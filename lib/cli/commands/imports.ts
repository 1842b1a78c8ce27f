import { getDb, migrateDatabase } from "@/db/client";
import { listImports, type ImportListItem } from "@/db/queries/imports";
import { required, UsageError, type Command } from "../command";
import { alignedTable } from "../table";
import { requireOrganization } from "@/lib/organizations/require-organization";

const MAX_LIMIT = 1000;

export const importsCommand: Command = {
  summary: "list an organization's imports, newest first",
  usage: "imports --org SLUG [--limit N]",
  options: { org: { type: "string" }, limit: { type: "string" } },
  async run({ values, out }) {
    const slug = required(values, "org").trim();
    const limit = parseLimit(values.limit);
    await migrateDatabase();
    const db = await getDb();
    const organization = await requireOrganization(db, slug);
    const items = await listImports(db, organization.id, { limit });
    out.result(
      {
        imports: items.map((item) => ({
          id: item.id,
          createdAt: item.createdAt.toISOString(),
          source: item.source,
          kind: item.kind,
          fileName: item.fileName,
          status: item.status,
          rows: item.rows,
          actor: item.actor,
          counts: item.counts,
          errorCount: item.errorCount,
          warningCount: item.warningCount,
        })),
      },
      items.length === 0 ? [`${organization.slug} has no imports yet.`] : table(items),
    );
    return 0;
  },
};

function parseLimit(value: string | boolean | undefined): number {
  if (value === undefined) return 50;
  const text = String(value).trim();
  const limit = Number(text);
  if (!/^\d+$/.test(text) || limit < 1 || limit > MAX_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}

function table(items: ImportListItem[]): string[] {
  return alignedTable(
    ["ID", "CREATED", "SOURCE", "KIND", "STATUS", "ROWS", "ERRORS", "WARNINGS", "ACTOR", "FILE"],
    items.map((item) => [
      item.id,
      item.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
      item.source,
      item.kind,
      item.status,
      String(item.rows),
      String(item.errorCount),
      String(item.warningCount),
      item.actor ?? "-",
      item.fileName,
    ]),
    new Set(["ROWS", "ERRORS", "WARNINGS"]),
  );
}
