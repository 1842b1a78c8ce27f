import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { DISTRICT_EXPORTS } from "@/lib/privacy/district-exports";
import { getRetention } from "@/lib/privacy/set-retention";
import { DeleteOrganizationForm, ForgetForm, RetentionForm } from "./_components/privacy-forms";

export const metadata: Metadata = { title: "Data & privacy" };

const section = "rounded-lg border border-slate-200 bg-white p-5";

export default async function PrivacyPage() {
  const { organization } = await requireAdmin();
  const limits = await getRetention(await getDb(), organization.id);

  return (
    <>
      <PageHeader
        title="Data & privacy"
        description="How long RosterSync keeps your district's data, deletion requests, and taking everything with you."
      />
      <p className="mb-4 text-sm">
        <Link href="/admin/settings/audit" className="text-indigo-700 underline underline-offset-4">
          Audit log
        </Link>{" "}
        · what is stored and why is described in the privacy guide that comes with RosterSync.
      </p>

      <section className={section} aria-labelledby="retention-heading">
        <h2 id="retention-heading" className="text-base font-semibold">
          How long data is kept
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Each night RosterSync deletes what is older than these limits. Imports awaiting review keep their rows for 24
          hours at most. The current roster is kept while your files name it.
        </p>
        <RetentionForm limits={limits} />
      </section>

      <section className={`${section} mt-6`} aria-labelledby="forget-heading">
        <h2 id="forget-heading" className="text-base font-semibold">
          Forget a person
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          For a deletion request: removes the student or staff member from the roster, their classes, import history,
          issues, imports awaiting review, invitations and sign-in. The audit log keeps that it was done, not who it
          was. If a later file names them again, they are imported as a new person — remove them from your SIS too.
        </p>
        <ForgetForm timeZone={organization.timeZone} />
      </section>

      <section className={`${section} mt-6`} aria-labelledby="export-heading">
        <h2 id="export-heading" className="text-base font-semibold">
          Take your data with you
        </h2>
        <p className="mt-1 text-sm text-slate-600">Every download your district can keep, before it leaves.</p>
        <ul className="mt-3 space-y-2 text-sm" data-testid="district-exports">
          {DISTRICT_EXPORTS.map((item) => (
            <li key={item.href}>
              <a className="font-medium text-indigo-700 underline" href={item.href}>
                {item.label}
              </a>{" "}
              <span className="text-slate-600">— {item.description}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className={`${section} mt-6 border-red-300`} aria-labelledby="danger-heading">
        <h2 id="danger-heading" className="text-base font-semibold text-red-800">
          Danger zone: delete this organization
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          When your contract ends: download what you need above first. Deleting removes your roster, every import,
          invitation, setting and the audit log, and every admin and staff sign-in that belongs to no other
          organization. It cannot be undone.
        </p>
        <DeleteOrganizationForm name={organization.name} timeZone={organization.timeZone} />
      </section>
    </>
  );
}
