import type { Executor } from "@/db/client";
import { claimMissedAlert, type NightlySourceWithOrganization } from "@/db/queries/nightly-sources";
import { findOrganizationById } from "@/db/queries/organizations";
import { formatDateTime } from "@/lib/format";
import { mailAdmins } from "@/lib/mail/mail-admins";
import { publicUrl } from "@/lib/public-url";

// docs/domain.md "Import Details": an organization that expected a nightly import and got none by its
// deadline gets an email — one per source and missed day. The day is claimed on the source row
// first (only one pass wins it), and each mail carries an idempotency key for the day, so a
// retried send is delivered once. A mail that cannot be sent is logged; the banner shows anyway.

export async function notifyMissedImport(
  db: Executor,
  source: NightlySourceWithOrganization,
  missed: { date: string; deadline: Date },
): Promise<number> {
  if (!(await claimMissedAlert(db, source.organizationId, source.id, missed.date))) return 0;
  const organization = await findOrganizationById(db, source.organizationId);
  if (!organization) return 0;
  const where =
    source.type === "folder"
      ? `the drop folder "${source.folderPath || "/"}" (files matching ${source.filePattern || "*"})`
      : source.url;
  const text = [
    `RosterSync expected the nightly ${source.kind} file of "${source.name}" for ${organization.name} by ${formatDateTime(missed.deadline, source.timeZone)} (${missed.date}), and none has arrived.`,
    "",
    `It looks for it in ${where}.`,
    "Check that the daily export of your SIS ran and delivered its file. Until a file arrives, your rosters stay as they were.",
    "",
    `Import Details: ${publicUrl("/admin/imports")}`,
  ].join("\n");
  return mailAdmins(db, source.organizationId, {
    subject: `RosterSync: the nightly import "${source.name}" for ${organization.name} is missing`,
    text,
    category: "nightly-missing",
    idempotencyKey: (to) => `nightly-missing/${source.id}/${missed.date}/${to}`,
  });
}
