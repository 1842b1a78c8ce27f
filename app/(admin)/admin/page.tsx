import type { Metadata } from "next";
import { TextLink } from "@/components/text-link";
import { getDb } from "@/db/client";
import { countStaffNotInvited, getActiveCounts } from "@/db/queries/dashboard";
import { lastImport, listImportsNeedingAttention } from "@/db/queries/imports";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime, kindLabel } from "@/lib/format";
import { failStoppedImports } from "@/lib/import/interrupted-imports";
import { findMissingImports } from "@/lib/sources/find-missing-imports";
import { invitationSummary } from "./_components/invitation-summary";
import { AttentionBanner } from "./imports/_components/attention-banner";
import { MissingNightlyBanner } from "./imports/_components/missing-nightly-banner";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { organization } = await requireAdmin();
  const db = await getDb();
  await failStoppedImports(db, { organizationId: organization.id }); // an interrupted import shows failed
  const [counts, last, attention, notInvited, missing] = await Promise.all([
    getActiveCounts(db, organization.id),
    lastImport(db, organization.id),
    listImportsNeedingAttention(db, organization.id, { failedWithinDays: 7 }),
    countStaffNotInvited(db, organization.id),
    findMissingImports(db, organization.id),
  ]);
  const stats = [
    { label: "Schools", value: counts.schools },
    { label: "Classes", value: counts.classes },
    { label: "Students", value: counts.students },
    { label: "Staff", value: counts.staff },
  ];
  return (
    <>
      <PageHeader title="Dashboard" description={`Active roster of ${organization.name}.`} />
      <MissingNightlyBanner items={missing} />
      <AttentionBanner items={attention} />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {stats.map((stat) => (
          <div key={stat.label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-600">{stat.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`count-${stat.label.toLowerCase()}`}>
              {stat.value.toLocaleString("en-US")}
            </dd>
            {stat.label === "Staff" && stat.value === 0 ? (
              <dd className="mt-1 text-sm text-slate-600" data-testid="no-staff-yet">
                No staff yet
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
      <div className="mt-8 grid gap-4 md:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="last-import">
          <h2 className="text-base font-semibold">Last import</h2>
          {last ? (
            <div className="mt-2 space-y-2 text-sm text-slate-700">
              <p className="flex flex-wrap items-center gap-2">
                <StatusBadge status={last.status} />
                <TextLink href={`/admin/imports/${last.id}`} className="font-medium">
                  {last.fileName}
                </TextLink>
              </p>
              <p>
                {formatDateTime(last.createdAt, organization.timeZone)} · {kindLabel(last.kind)} · {last.source}
                {last.actor ? ` · ${last.actor}` : ""}
              </p>
            </div>
          ) : (
            <p className="mt-2 text-sm text-slate-600">
              No roster has been imported yet.{" "}
              <TextLink href="/admin/imports/new" className="font-medium">
                Import your SIS roster file
              </TextLink>{" "}
              to see your classes, students and staff here.
            </p>
          )}
          <p className="mt-3 text-sm">
            <TextLink href="/admin/imports" className="font-medium">
              All imports
            </TextLink>
          </p>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="not-invited">
          <h2 className="text-base font-semibold">Staff invitations</h2>
          <p className="mt-2 text-sm text-slate-700">
            {invitationSummary(counts.staff, notInvited) ?? (
              <>
                <TextLink href="/admin/staff?status=needs_invitation" className="font-medium">
                  {notInvited.toLocaleString("en-US")} staff not yet invited
                </TextLink>
                : they see their classes once they accept an invitation.
              </>
            )}
          </p>
        </section>
      </div>
    </>
  );
}
