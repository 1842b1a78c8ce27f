import type { Executor } from "@/db/client";
import { listAdminEmails } from "@/db/queries/memberships";
import { findOrganizationById } from "@/db/queries/organizations";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";
import type { ImportResult } from "./import-result";

// DESIGN.md "Safety": a held import notifies the organization's admins. A mail that cannot be
// sent never undoes the hold; it is logged, and the hold is on Import Details anyway.

export async function notifyAdminsOfHold(db: Executor, organizationId: string, result: ImportResult): Promise<number> {
  const [organization, admins] = await Promise.all([findOrganizationById(db, organizationId), listAdminEmails(db, organizationId)]);
  if (!organization) return 0;
  const link = `${env.AUTH_URL ?? "http://localhost:3000"}/admin/imports/${result.id}`;
  const text = [
    `An import of ${result.fileName} (${result.kind}, ${result.rows} rows) for ${organization.name} was held: nothing was changed.`,
    "",
    result.heldReason ?? "",
    "",
    `Review it and apply or discard it within 24 hours: ${link}`,
    "",
    "If the file is incomplete, fix the export in your SIS; the next nightly file is imported as usual.",
  ].join("\n");
  let sent = 0;
  for (const to of admins) {
    try {
      await sendMail({
        to,
        subject: `RosterSync: an import for ${organization.name} is waiting for review`,
        text,
        category: "import-held",
        organizationId,
        idempotencyKey: `import-held/${result.id}/${to}`,
      });
      sent += 1;
    } catch (error) {
      console.error("held-import notice not sent", { importId: result.id, to, error });
    }
  }
  return sent;
}
