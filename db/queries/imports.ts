import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema/auth";
import { importIssues, imports } from "@/db/schema/imports";
import { staff } from "@/db/schema/roster";
import { isUuid } from "@/db/queries/ids";
import { importIssuesInOrder } from "@/db/queries/import-records";

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

export type ImportFilters = {
  status?: ImportListItem["status"];
  source?: ImportListItem["source"];
  kind?: ImportListItem["kind"];
};

function importConditions(organizationId: string, filters: ImportFilters): SQL | undefined {
  return and(
    eq(imports.organizationId, organizationId),
    filters.status ? eq(imports.status, filters.status) : undefined,
    filters.source ? eq(imports.source, filters.source) : undefined,
    filters.kind ? eq(imports.kind, filters.kind) : undefined,
  );
}

/** The organization's imports, newest first (Import Details), optionally filtered and paged. */
export async function listImports(
  db: Executor,
  organizationId: string,
  options: { limit?: number; offset?: number; filters?: ImportFilters } = {},
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
    .where(importConditions(organizationId, options.filters ?? {}))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0);
}

export async function countImports(db: Executor, organizationId: string, filters: ImportFilters = {}): Promise<number> {
  const [row] = await db.select({ n: count() }).from(imports).where(importConditions(organizationId, filters));
  return row?.n ?? 0;
}

/** Imports waiting for a decision (held) or that failed recently: the banners' subject. */
export async function listImportsNeedingAttention(
  db: Executor,
  organizationId: string,
  options: { failedWithinDays: number },
) {
  // A failure is settled once a later import of the same kind went through (applied, with
  // errors, or unchanged because the roster already held it).
  const laterSuccess = sql`(select 1 from imports later where later.organization_id = ${imports.organizationId}
    and later.kind = ${imports.kind} and later.created_at > ${imports.createdAt}
    and later.status in ('applied', 'applied_with_errors', 'unchanged') limit 1)`;
  return db
    .select({
      id: imports.id,
      status: imports.status,
      kind: imports.kind,
      fileName: imports.fileName,
      createdAt: imports.createdAt,
      heldReason: imports.heldReason,
    })
    .from(imports)
    .where(
      and(
        eq(imports.organizationId, organizationId),
        sql`(${imports.status} = 'held' or (${imports.status} = 'failed' and ${imports.createdAt} >= now() - make_interval(days => ${options.failedWithinDays}) and ${laterSuccess} is null))`,
      ),
    )
    .orderBy(desc(imports.createdAt))
    .limit(20);
}

/** One import with the email of who started it and who decided it. */
export async function getImportDetail(db: Executor, organizationId: string, importId: string) {
  if (!isUuid(importId)) return null;
  const decider = sql<string | null>`(select email from users where id = ${imports.decidedByUserId})`;
  const [row] = await db
    .select({
      record: imports,
      actor: sql<string | null>`coalesce(${users.email}, ${imports.actorLabel})`,
      decidedBy: decider,
    })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.actorUserId))
    .where(and(eq(imports.organizationId, organizationId), eq(imports.id, importId)));
  return row ?? null;
}

/** The import's issues by code: how many, severity, a message, and the first rows. */
export async function groupImportIssues(db: Executor, organizationId: string, importId: string) {
  return db
    .select({
      code: importIssues.code,
      severity: importIssues.severity,
      count: count(),
      message: sql<string>`min(${importIssues.message})`,
      firstRows: sql<
        Array<number | null>
      >`(array_agg(${importIssues.row} order by ${importIssues.row} nulls first))[1:5]`,
    })
    .from(importIssues)
    .where(and(eq(importIssues.organizationId, organizationId), eq(importIssues.importId, importId)))
    .groupBy(importIssues.code, importIssues.severity)
    .orderBy(asc(importIssues.severity), desc(count()));
}

/**
 * The rows an import's errors skip: how many distinct rows (per file of a set), and per code and
 * column how many rows. File-level errors (no row) are not rows and are left out.
 */
export async function summarizeSkippedRows(db: Executor, organizationId: string, importId: string) {
  const where = and(
    eq(importIssues.organizationId, organizationId),
    eq(importIssues.importId, importId),
    eq(importIssues.severity, "error"),
    sql`${importIssues.row} is not null`,
  );
  const distinctRows = sql<number>`count(distinct (coalesce(${importIssues.file}, ''), ${importIssues.row}))::int`;
  const [[total], reasons] = await Promise.all([
    db.select({ rows: distinctRows }).from(importIssues).where(where),
    db
      .select({ code: importIssues.code, column: importIssues.column, rows: distinctRows })
      .from(importIssues)
      .where(where)
      .groupBy(importIssues.code, importIssues.column),
  ]);
  return {
    rows: Number(total?.rows ?? 0),
    reasons: reasons.map((reason) => ({ ...reason, rows: Number(reason.rows) })),
  };
}

/** A page of the import's issues in row order. */
export async function pageImportIssues(
  db: Executor,
  organizationId: string,
  importId: string,
  options: { limit: number; offset: number },
) {
  return importIssuesInOrder(db, organizationId, importId).limit(options.limit).offset(options.offset);
}

/** Staff members this import created (they start "not invited"). */
export async function listStaffCreatedByImport(db: Executor, organizationId: string, importId: string) {
  return db
    .select({
      id: staff.id,
      email: staff.email,
      firstName: staff.firstName,
      lastName: staff.lastName,
      active: staff.active,
    })
    .from(staff)
    .where(and(eq(staff.organizationId, organizationId), eq(staff.createdByImportId, importId)))
    .orderBy(asc(staff.lastName), asc(staff.firstName))
    .limit(200);
}

/** The newest import of the organization, if any. */
export async function lastImport(db: Executor, organizationId: string) {
  const [row] = await listImports(db, organizationId, { limit: 1 });
  return row ?? null;
}
