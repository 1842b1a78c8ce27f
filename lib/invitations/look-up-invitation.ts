import type { Executor } from "@/db/client";
import { findInvitationByTokenHash, type InvitationByToken } from "@/db/queries/invitations";
import { hashInvitationToken, isWellFormedInvitationToken } from "./invitation-token";

/**
 * What a link is now. "invalid" covers everything a stranger must not tell apart: an unknown or
 * malformed token, a link whose mail never went out, a staff record since deactivated or given
 * another email. The other states are told only to someone holding the real link.
 */
export type InvitationState = "open" | "expired" | "used" | "revoked" | "invalid";

export type InvitationLookup =
  | { state: "invalid"; invitation: InvitationByToken | null }
  | { state: Exclude<InvitationState, "invalid">; invitation: InvitationByToken };

/** Reads the invitation behind a token and says what state it is in. Changes nothing. */
export async function lookUpInvitation(db: Executor, token: string, now: Date = new Date()): Promise<InvitationLookup> {
  if (!isWellFormedInvitationToken(token)) return { state: "invalid", invitation: null };
  const invitation = await findInvitationByTokenHash(db, hashInvitationToken(token));
  if (!invitation) return { state: "invalid", invitation: null };
  if (invitation.acceptedAt) return { state: "used", invitation };
  if (invitation.sendFailedAt || !invitation.staffActive || invitation.staffEmail !== invitation.email) {
    return { state: "invalid", invitation };
  }
  if (invitation.revokedAt) return { state: "revoked", invitation };
  if (invitation.expiresAt.getTime() <= now.getTime()) return { state: "expired", invitation };
  return { state: "open", invitation };
}
