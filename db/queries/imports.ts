import { desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema/auth";
import { imports } from "@/db/schema/imports";

export type ImportListItem = {
  id: string;
  createdAt: Date;
  source: (typeof imports.$inferSelect)["source"];
  kind: (typeof imports.$inferSelect)["kind"];
  fileName: string;
  status: (typeof imports.$inferSelect)["status"];
  /** Data rows in the file. */
  rows: number;
  /** The email of the user who started it, else its actor label ("cli", a source's name…). */
  actor: string | null;
  counts: (typeof imports.$inferSelect)["counts"];
  errorCount: number;
  warningCount: number;
};

/** The organization's imports, newest first (Import Details). */
export async function listImports(
  db: Executor,
  organizationId: string,
  options: { limit?: number } = {},
): Promise<ImportListItem[]> {
  return db
    .select({
      id: imports.id,
      createdAt: imports.createdAt,
      source: imports.source,
      kind: imports.kind,
      fileName: imports.fileName,
      status: imports.status,
      rows: imports.rowCount,
      actor: sql<string | null>`coalesce(${users.email}, ${imports.actorLabel})`,
      counts: imports.counts,
      errorCount: imports.errorCount,
      warningCount: imports.warningCount,
    })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.actorUserId))
    .where(eq(imports.organizationId, organizationId))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(options.limit ?? 50);
}
