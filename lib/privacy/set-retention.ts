import { sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Database, type Executor } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { UserFacingError } from "@/lib/errors";
import type { RetentionLimits } from "./prune-retained";

// Settings → Data & privacy: how long each kind of data is kept, in months (1 to 120).

const months = (what: string) =>
  z.coerce
    .number({ error: `${what}: type a number of months.` })
    .int(`${what}: whole months only.`)
    .min(1, `${what}: at least 1 month.`)
    .max(120, `${what}: at most 120 months (10 years).`);

export const retentionSchema = z.object({
  importHistoryRetentionMonths: months("Import history"),
  undoRetentionMonths: months("Undo data"),
  auditRetentionMonths: months("Audit log"),
  deactivatedPeopleRetentionMonths: months("Deactivated people"),
});

const columns = sql`import_history_retention_months as "importHistoryRetentionMonths",
  undo_retention_months as "undoRetentionMonths", audit_retention_months as "auditRetentionMonths",
  deactivated_people_retention_months as "deactivatedPeopleRetentionMonths"`;

export async function getRetention(db: Executor, organizationId: string): Promise<RetentionLimits> {
  const [row] = rowsOf<RetentionLimits>(
    await db.execute(sql`select ${columns} from organizations where id = ${organizationId}`),
  );
  if (!row) throw new Error(`organization ${organizationId} not found`);
  return row;
}

/** Saves the limits (every field checked first; nothing saved on a bad one) and audits the change. */
export async function setRetention(
  db: Database,
  organizationId: string,
  input: Record<string, unknown>,
  actorUserId: string | null,
): Promise<RetentionLimits> {
  const parsed = retentionSchema.safeParse(input);
  if (!parsed.success)
    throw new UserFacingError(parsed.error.issues.map((issue) => issue.message).join(" "), "invalid_input");
  const next = parsed.data;
  return db.transaction(async (tx) => {
    const before = await getRetention(tx, organizationId);
    await tx.execute(sql`update organizations set
      import_history_retention_months = ${next.importHistoryRetentionMonths},
      undo_retention_months = ${next.undoRetentionMonths},
      audit_retention_months = ${next.auditRetentionMonths},
      deactivated_people_retention_months = ${next.deactivatedPeopleRetentionMonths}
      where id = ${organizationId}`);
    await recordAudit(tx, organizationId, {
      actorUserId,
      actorLabel: actorUserId ? null : "cli",
      action: "setting.retention_changed",
      targetType: "organization",
      targetId: organizationId,
      details: { before, after: next },
    });
    return next;
  });
}
