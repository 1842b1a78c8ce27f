import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { deleteSessionsOfStaff } from "@/db/queries/memberships";
import { invalidateSchoolCounts } from "@/db/queries/roster-schools";
import { staff } from "@/db/schema/roster";
import { UserFacingError } from "@/lib/errors";

/**
 * An admin deactivates or reactivates a staff member. Deactivated, they are signed out at once
 * (their sessions are deleted) and cannot sign in; reactivated, they sign in again with their
 * email, without a new invitation. The next import that names them reactivates them too.
 */
export async function setStaffActive(
  db: Database,
  organizationId: string,
  staffId: number,
  active: boolean,
  actor: { userId: string },
): Promise<{ sessionsEnded: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(staff)
      .set({ active, updatedAt: sql`now()` })
      .where(and(eq(staff.organizationId, organizationId), eq(staff.id, staffId)))
      .returning({ id: staff.id, email: staff.email });
    if (!row) throw new UserFacingError("That staff member does not exist in this district.", "staff_not_found");
    const sessionsEnded = active ? 0 : await deleteSessionsOfStaff(tx, organizationId, [staffId]);
    await invalidateSchoolCounts(tx, organizationId); // the Schools tab counts active staff
    await recordAudit(tx, organizationId, {
      actorUserId: actor.userId,
      action: active ? "staff.reactivated" : "staff.deactivated",
      targetType: "staff",
      targetId: String(staffId),
      details: { sessionsEnded },
    });
    return { sessionsEnded };
  });
}
