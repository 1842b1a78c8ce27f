import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { getActiveCounts } from "@/db/queries/dashboard";
import { countStaffNotInvited } from "@/db/queries/invitations";
import { PageHeader } from "@/components/page-header";
import { StaffNotInvitedLink } from "@/components/staff-not-invited-link";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { organization } = await requireAdmin();
  const db = await getDb();
  const [counts, notInvited] = await Promise.all([getActiveCounts(db, organization.id), countStaffNotInvited(db, organization.id)]);
  const stats = [
    { label: "Schools", value: counts.schools },
    { label: "Classes", value: counts.classes },
    { label: "Students", value: counts.students },
    { label: "Staff", value: counts.staff },
  ];
  const empty = stats.every((s) => s.value === 0);
  return (
    <>
      <PageHeader title="Dashboard" description={`Active roster of ${organization.name}.`} />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {stats.map((stat) => (
          <div key={stat.label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-600">{stat.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`count-${stat.label.toLowerCase()}`}>
              {stat.value.toLocaleString("en-US")}
            </dd>
          </div>
        ))}
      </dl>
      <StaffNotInvitedLink count={notInvited} />
      <section className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-base font-semibold">Last import</h2>
        {empty ? (
          <p className="mt-2 text-sm text-slate-600">
            No roster has been imported yet. Roster imports are coming soon; see{" "}
            <Link href="/admin/imports" className="font-medium text-indigo-700 underline underline-offset-4">
              Imports
            </Link>
            .
          </p>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Import history is coming soon.</p>
        )}
      </section>
    </>
  );
}
