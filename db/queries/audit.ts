import type { Executor } from "@/db/client";
import { auditLog } from "@/db/schema/audit";

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
