import { and, count, desc, eq, gte, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditLog } from "@/db/schema/audit";
import { users } from "@/db/schema/auth";

export type AuditEntry = {
  actorUserId?: string | null;
  actorLabel?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
};

export async function recordAudit(db: Executor, organizationId: string, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    organizationId,
    actorUserId: entry.actorUserId ?? null,
    actorLabel: entry.actorLabel ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? null,
  });
}

export type AuditFilters = {
  /** Action names or prefixes ("invitation."): an entry matches any. */
  actions?: readonly string[];
  /** From this time (inclusive) to that one (exclusive). */
  from?: Date;
  to?: Date;
  actorUserId?: string;
};

export type AuditRow = {
  id: number;
  createdAt: Date;
  /** The acting user's email (while the user exists), else the label ("cli", "nightly", "retention"). */
  actor: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
};

function auditConditions(organizationId: string, filters: AuditFilters): SQL {
  const actions = filters.actions ?? [];
  return and(
    eq(auditLog.organizationId, organizationId),
    actions.length > 0
      ? or(
          ...actions.map((action) =>
            action.endsWith(".") ? like(auditLog.action, `${action}%`) : eq(auditLog.action, action),
          ),
        )
      : undefined,
    filters.from ? gte(auditLog.createdAt, filters.from) : undefined,
    filters.to ? lt(auditLog.createdAt, filters.to) : undefined,
    filters.actorUserId ? eq(auditLog.actorUserId, filters.actorUserId) : undefined,
  ) as SQL;
}

const auditColumns = {
  id: auditLog.id,
  createdAt: auditLog.createdAt,
  actor: sql<string | null>`coalesce(${users.email}, ${auditLog.actorLabel})`,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  details: sql<Record<string, unknown> | null>`${auditLog.details}`,
};

/** The organization's audit entries, newest first, filtered and paged. */
export async function listAuditEntries(
  db: Executor,
  organizationId: string,
  filters: AuditFilters,
  page: { limit: number; offset: number },
): Promise<AuditRow[]> {
  return db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(auditConditions(organizationId, filters))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countAuditEntries(db: Executor, organizationId: string, filters: AuditFilters): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog).where(auditConditions(organizationId, filters));
  return row?.n ?? 0;
}

/** Every matching entry, newest first, in batches (the CSV download); entries added meanwhile are not repeated. */
export async function exportAuditEntries(
  db: Executor,
  organizationId: string,
  filters: AuditFilters,
  onBatch: (rows: AuditRow[]) => void | Promise<void>,
  batchSize = 1000,
): Promise<void> {
  let before: number | null = null;
  for (;;) {
    const rows: AuditRow[] = await db
      .select(auditColumns)
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(auditConditions(organizationId, filters), before === null ? undefined : lt(auditLog.id, before)))
      .orderBy(desc(auditLog.id))
      .limit(batchSize);
    if (rows.length > 0) await onBatch(rows);
    if (rows.length < batchSize) return;
    before = Number(rows[rows.length - 1]!.id);
  }
}

/** The users who appear as actors in the organization's audit log (the "who" filter). */
export async function listAuditActors(
  db: Executor,
  organizationId: string,
): Promise<Array<{ id: string; email: string }>> {
  return db
    .selectDistinct({ id: users.id, email: sql<string>`${users.email}` })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.organizationId, organizationId))
    .orderBy(sql`${users.email}`);
}
