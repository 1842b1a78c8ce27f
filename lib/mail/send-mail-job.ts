import { recordAudit } from "@/db/queries/audit";
import { markInvitationSendFailed } from "@/db/queries/invitations";
import { enqueue } from "@/lib/jobs/boss";
import type { JobHandler } from "@/lib/jobs/handlers";
import { log } from "@/lib/log";
import { env, mailTransport } from "@/lib/env";
import { sendMail, type MailMessage } from "./send-mail";

// Mail through the job queue: the caller enqueues and goes on; a worker sends. A refusal "for now"
// (Resend's 429 or a 5xx) fails the job and the queue tries again with exponential backoff
// (MAIL_RETRY_LIMIT, MAIL_RETRY_DELAY_SECONDS); every try carries the message's idempotency key,
// so the mail is delivered once. Other refusals (a bad address) are logged and not retried.

export type QueuedMail = MailMessage & {
  idempotencyKey: string;
  /** An invitation's mail: refused for good, the invitation is marked not sent and audited. */
  invitation?: { id: string; staffId: number; sentByUserId: string };
};

/** Puts one mail on the mail queue; answers the job's id. */
export async function enqueueMail(message: QueuedMail): Promise<string | null> {
  return enqueue("mail", message);
}

/**
 * Hands a mail on: onto the mail queue when mail goes to the mail service (which may say "not now"),
 * straight into the outbox otherwise (a row in our own database; nothing to retry).
 */
export async function deliverMail(message: QueuedMail): Promise<void> {
  if (mailTransport() === "resend") await enqueueMail(message);
  else await sendMail(message);
}

export const sendMailJob: JobHandler<"mail"> = async (message, { retryCount, db }) => {
  try {
    await sendMail(message, { attempts: 1 });
  } catch (error) {
    if (isRetryable(error) && retryCount < env.MAIL_RETRY_LIMIT) {
      log.warn("mail not sent yet; the queue tries again", { category: message.category, retryCount, error });
      throw error;
    }
    log.error("mail refused", { category: message.category, retryCount, error });
    const { invitation, organizationId } = message;
    if (invitation && organizationId) {
      // As a refused mail sent at once: the link never works, and the audit log says why, never to whom.
      const reason = (error instanceof Error ? error.message : String(error)).replaceAll(message.to, "the recipient");
      await markInvitationSendFailed(db, organizationId, invitation.id);
      await recordAudit(db, organizationId, {
        actorUserId: invitation.sentByUserId,
        action: "invitation.send_failed",
        targetType: "staff",
        targetId: String(invitation.staffId),
        details: { invitationId: invitation.id, message: reason },
      });
    }
  }
};

/** Resend's "not now": a rate limit, the same key in flight, or a server error (5xx); no answer at all. */
function isRetryable(error: unknown): boolean {
  const cause = (error as { cause?: { statusCode?: number | null; name?: string } }).cause;
  if (!cause) return true;
  const status = cause.statusCode ?? 0;
  return (
    status === 429 ||
    status >= 500 ||
    cause.name === "rate_limit_exceeded" ||
    cause.name === "concurrent_idempotent_requests" ||
    cause.name === "application_error" ||
    cause.name === "internal_server_error"
  );
}
