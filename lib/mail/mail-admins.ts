import type { Executor } from "@/db/client";
import { listAdminEmails } from "@/db/queries/memberships";
import { sendMail } from "./send-mail";
import { log } from "@/lib/log";

/**
 * Mails every admin of the organization, one message each with its own idempotency key. A mail
 * that cannot be sent is logged and the others still go; answers how many were sent.
 */
export async function mailAdmins(
  db: Executor,
  organizationId: string,
  message: { subject: string; text: string; category: string; idempotencyKey: (to: string) => string },
): Promise<number> {
  let sent = 0;
  for (const to of await listAdminEmails(db, organizationId)) {
    try {
      await sendMail({
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
