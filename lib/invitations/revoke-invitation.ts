import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { revokeOpenInvitations } from "@/db/queries/invitations";
import { UserFacingError } from "@/lib/errors";

/** Makes the staff member's working invitation link stop working; they show as "not invited". */
export async function revokeInvitation(
  db: Database,
  organizationId: string,
  staffId: number,
  actor: { userId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = await revokeOpenInvitations(tx, organizationId, staffId);
    if (revoked === 0)
      throw new UserFacingError("There is no open invitation to revoke for this person.", "no_open_invitation");
    await recordAudit(tx, organizationId, {
      actorUserId: actor.userId,
      action: "invitation.revoked",
      targetType: "staff",
      targetId: String(staffId),
      details: { revoked },
    });
  });
}
