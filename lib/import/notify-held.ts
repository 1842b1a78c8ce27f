import type { Executor } from "@/db/client";
import { findOrganizationById } from "@/db/queries/organizations";
import { publicUrl } from "@/lib/public-url";
import { mailAdmins } from "@/lib/mail/mail-admins";
import type { ImportResult } from "./import-result";

// docs/domain.md "Safety": a held import notifies the organization's admins. A mail that cannot be
// sent never undoes the hold; it is logged, and the hold is on Import Details anyway.

export async function notifyAdminsOfHold(db: Executor, organizationId: string, result: ImportResult): Promise<number> {
  const organization = await findOrganizationById(db, organizationId);
  if (!organization) return 0;
  const link = publicUrl(`/admin/imports/${result.id}`);
  const text = [
    `An import of ${result.fileName} (${result.kind}, ${result.rows} rows) for ${organization.name} was held: nothing was changed.`,
    "",
    result.heldReason ?? "",
    "",
    `Review it and apply or discard it within 24 hours: ${link}`,
    "",
    "If the file is incomplete, fix the export in your SIS; the next nightly file is imported as usual.",
  ].join("\n");
  return mailAdmins(db, organizationId, {
    subject: `RosterSync: an import for ${organization.name} is waiting for review`,
    text,
    category: "import-held",
    idempotencyKey: (to) => `import-held/${result.id}/${to}`,
  });
}
