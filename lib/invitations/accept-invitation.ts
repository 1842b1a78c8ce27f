import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { claimInvitation } from "@/db/queries/invitations";
import { createSession } from "@/lib/auth/create-session";
import { createStaffMembership } from "./create-staff-membership";
import { lookUpInvitation, type InvitationState } from "./look-up-invitation";

export type AcceptRefusal = Exclude<InvitationState, "open"> | "other_email";

export type AcceptInvitationResult =
  | {
      ok: true;
      organizationId: string;
      userId: string;
      staffId: number;
      session: { sessionToken: string; expires: Date } | null;
    }
  | { ok: false; reason: AcceptRefusal };

class LostRace extends Error {}

/**
 * Accepts an invitation (the POST behind the accept page's button): in one transaction, links the
 * staff record to its user (created if needed) with a staff membership, marks the link used —
 * atomically, so of two accepts on one link exactly one wins — starts a database session unless
 * that user is already signed in, and writes the audit row. Anything else is refused, changes
 * nothing but a "failed accept" audit row, and says why.
 */
export async function acceptInvitation(
  db: Database,
  token: string,
  signedIn: { id: string | null; email: string } | null,
  /** startSession false: the caller starts the session itself (Auth.js, accepting through single sign-on). */
  options: { startSession?: boolean } = {},
): Promise<AcceptInvitationResult> {
  const lookup = await lookUpInvitation(db, token);
  const refuse = async (reason: AcceptRefusal, lostRace = false): Promise<AcceptInvitationResult> => {
    const { invitation } = lookup;
    if (invitation) {
      await recordAudit(db, invitation.organizationId, {
        actorUserId: signedIn?.id ?? null,
        action: "invitation.accept_failed",
        targetType: "staff",
        targetId: String(invitation.staffId),
        details: { invitationId: invitation.id, reason, ...(lostRace ? { lostRace } : {}) },
      });
    }
    return { ok: false, reason };
  };

  if (lookup.state !== "open") return refuse(lookup.state);
  const { invitation } = lookup;
  if (signedIn && signedIn.email.trim().toLowerCase() !== invitation.email) return refuse("other_email");

  const { organizationId, staffId } = invitation;
  try {
    return await db.transaction(async (tx) => {
      const { userId, userCreated } = await createStaffMembership(tx, organizationId, {
        staffId,
        email: invitation.email,
      });
      if (!(await claimInvitation(tx, organizationId, invitation.id, userId))) throw new LostRace();
      const session =
        signedIn?.id === userId || options.startSession === false ? null : await createSession(tx, userId);
      await recordAudit(tx, organizationId, {
        actorUserId: userId,
        action: "invitation.accepted",
        targetType: "staff",
        targetId: String(staffId),
        details: { invitationId: invitation.id, userCreated },
      });
      return { ok: true as const, organizationId, userId, staffId, session };
    });
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    // Someone else used the link, or it was revoked or the record changed, since we looked.
    const now = await lookUpInvitation(db, token);
    return refuse(now.state === "open" ? "invalid" : now.state, true);
  }
}
