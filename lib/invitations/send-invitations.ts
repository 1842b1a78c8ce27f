import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import {
  hasEarlierInvitation,
  insertInvitation,
  lockStaffForInvitation,
  markInvitationSendFailed,
  revokeOpenInvitations,
} from "@/db/queries/invitations";
import { findOrganizationById } from "@/db/queries/organizations";
import { sendMail } from "@/lib/mail/send-mail";
import { deliverMail } from "@/lib/mail/send-mail-job";
import { invitationMail } from "./invitation-mail";
import {
  consumeInvitationSend,
  INVITATION_LIMITS,
  InvitationRateLimitError,
  type InvitationLimits,
} from "./invitation-rate-limits";
import { createInvitationToken, invitationUrl } from "./invitation-token";
import { log } from "@/lib/log";

export type Inviter = { userId: string; email: string; name?: string | null };

export type SendInvitationsInput = {
  staffIds: readonly number[];
  sentBy: Inviter;
  limits?: InvitationLimits;
  /**
   * "queue": each mail goes onto the mail queue (a bulk send: the action answers at once and the
   * workers send, retrying while the mail service says "not now"); default "now": sent here.
   */
  delivery?: "now" | "queue";
};

export type SendInvitationsResult = {
  sent: Array<{ staffId: number; email: string; invitationId: string; resent: boolean }>;
  /** Not sent, and why: gone, deactivated, already active, this person's limit. */
  skipped: Array<{ staffId: number; email?: string; reason: string }>;
  /** Created, but the mail service refused the mail: the link never works. */
  failed: Array<{ staffId: number; email: string; message: string }>;
  /** The organization's limit stopped the run; this many were not tried. */
  stoppedByLimit?: { notTried: number; retryAt: Date; message: string };
};

/**
 * Sends (or re-sends) an invitation to each staff member: a new single-use link that works for 7
 * days, replacing any earlier one, mailed with an idempotency key of its own. Each person is one
 * transaction (lock the record, take from the rate limits, revoke the old link, store the new
 * hash, audit); the mail goes out after the commit so a slow mail service holds no lock.
 */
export async function sendInvitations(
  db: Database,
  organizationId: string,
  input: SendInvitationsInput,
): Promise<SendInvitationsResult> {
  const organization = await findOrganizationById(db, organizationId);
  if (!organization) throw new Error(`organization ${organizationId} not found`);
  const result: SendInvitationsResult = { sent: [], skipped: [], failed: [] };
  const staffIds = [...new Set(input.staffIds)];

  for (const [index, staffId] of staffIds.entries()) {
    let prepared;
    try {
      prepared = await db.transaction(async (tx) => {
        const person = await lockStaffForInvitation(tx, organizationId, staffId);
        if (!person) return { skip: "Not found in this district." };
        if (!person.active) return { skip: "Deactivated: reactivate them before inviting.", email: person.email };
        if (person.status === "accepted")
          return { skip: "Already accepted: they sign in with their email.", email: person.email };
        await consumeInvitationSend(tx, organizationId, staffId, input.limits ?? INVITATION_LIMITS);
        const resent = await hasEarlierInvitation(tx, organizationId, staffId);
        const revoked = await revokeOpenInvitations(tx, organizationId, staffId);
        const token = createInvitationToken();
        const invitation = await insertInvitation(tx, organizationId, {
          staffId,
          email: person.email,
          tokenHash: token.tokenHash,
          expiresAt: token.expiresAt,
          sentByUserId: input.sentBy.userId,
        });
        await recordAudit(tx, organizationId, {
          actorUserId: input.sentBy.userId,
          action: resent ? "invitation.resent" : "invitation.sent",
          targetType: "staff",
          targetId: String(staffId),
          details: {
            invitationId: invitation.id,
            expiresAt: token.expiresAt.toISOString(),
            revokedEarlier: revoked,
          },
        });
        return { person, token, invitation, resent };
      });
    } catch (error) {
      if (!(error instanceof InvitationRateLimitError)) throw error;
      if (error.scope === "staff") {
        result.skipped.push({ staffId, reason: `${error.message} Try again after ${error.retryAt.toISOString()}.` });
        continue;
      }
      result.stoppedByLimit = { notTried: staffIds.length - index, retryAt: error.retryAt, message: error.message };
      break;
    }
    if ("skip" in prepared) {
      result.skipped.push({
        staffId,
        ...(prepared.email ? { email: prepared.email } : {}),
        reason: prepared.skip ?? "",
      });
      continue;
    }

    const { person, token, invitation, resent } = prepared;
    const mail = invitationMail({
      organizationName: organization.name,
      inviter: input.sentBy.name?.trim() || input.sentBy.email,
      firstName: person.firstName,
      link: invitationUrl(token.token),
      expiresAt: token.expiresAt,
      timeZone: organization.timeZone,
    });
    try {
      const message = {
        to: person.email,
        ...mail,
        category: "invitation",
        organizationId,
        idempotencyKey: `invitation/${invitation.id}`,
      };
      if (input.delivery === "queue") {
        await deliverMail({
          ...message,
          invitation: { id: invitation.id, staffId, sentByUserId: input.sentBy.userId },
        });
      } else await sendMail(message);
      result.sent.push({ staffId, email: person.email, invitationId: invitation.id, resent });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The audit log keeps why, never to whom (the address is roster data; the log redacts it).
      const reason = message.replaceAll(person.email, "the recipient");
      log.error("invitation mail not sent", { organizationId, staffId, invitationId: invitation.id, error });
      await markInvitationSendFailed(db, organizationId, invitation.id);
      await recordAudit(db, organizationId, {
        actorUserId: input.sentBy.userId,
        action: "invitation.send_failed",
        targetType: "staff",
        targetId: String(staffId),
        details: { invitationId: invitation.id, message: reason },
      });
      result.failed.push({ staffId, email: person.email, message });
    }
  }
  return result;
}
