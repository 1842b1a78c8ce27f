import type { Executor } from "@/db/client";
import { listAdminEmails } from "@/db/queries/memberships";
import { deliverMail } from "./send-mail-job";
import { log } from "@/lib/log";

/**
 * Mails every admin of the organization, one message each with its own idempotency key, through
 * the mail queue (retried there while the mail service says "not now"). A mail that cannot be
 * handed on is logged and the others still go; answers how many were handed on.
 */
export async function mailAdmins(
  db: Executor,
  organizationId: string,
  message: { subject: string; text: string; category: string; idempotencyKey: (to: string) => string },
): Promise<number> {
  let sent = 0;
  for (const to of await listAdminEmails(db, organizationId)) {
    try {
      await deliverMail({
        to,
        subject: message.subject,
        text: message.text,
        category: message.category,
        organizationId,
        idempotencyKey: message.idempotencyKey(to),
      });
      sent += 1;
    } catch (error) {
      log.error("admin notice not sent", { category: message.category, organizationId, error });
    }
  }
  return sent;
}
