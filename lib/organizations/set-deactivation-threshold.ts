import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { organizations } from "@/db/schema/organizations";
import { UserFacingError } from "@/lib/errors";

// Settings → Imports: the hold threshold. An import that would deactivate or end more than this
// share of any type is held for review (docs/import-rules.md "The threshold"). 0 holds every
// import that removes anything; above half, a file cut short would slip through, so 50 is the most.

export const MAX_THRESHOLD_PERCENT = 50;
const RANGE = `Enter a whole number of percent from 0 to ${MAX_THRESHOLD_PERCENT}.`;

export const thresholdSchema = z.object({
  percent: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().replace(/\s*%$/, "") : value),
    z
      .string(RANGE)
      .regex(/^\d{1,3}$/, RANGE)
      .transform(Number)
      .pipe(z.number().min(0, RANGE).max(MAX_THRESHOLD_PERCENT, RANGE)),
  ),
});

/** Saves the threshold (refused outside 0–50) and audits the change; answers the new value. */
export async function setDeactivationThreshold(
  db: Database,
  organizationId: string,
  input: { percent: unknown },
  actorUserId: string | null,
): Promise<{ before: number; after: number }> {
  const parsed = thresholdSchema.safeParse(input);
  if (!parsed.success) throw new UserFacingError(RANGE, "invalid_input");
  const after = parsed.data.percent;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ before: organizations.deactivationThresholdPercent })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .for("update");
    if (!row) throw new Error(`organization ${organizationId} not found`);
    if (row.before === after) return { before: row.before, after };
    await tx
      .update(organizations)
      .set({ deactivationThresholdPercent: after })
      .where(eq(organizations.id, organizationId));
    await recordAudit(tx, organizationId, {
      actorUserId,
      action: "setting.threshold_changed",
      targetType: "organization",
      targetId: organizationId,
      details: { before: `${row.before} %`, after: `${after} %` },
    });
    return { before: row.before, after };
  });
}
