import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { getDb } from "@/db/client";
import { listSchoolFilterOptions, listStaffInvitations, type StaffPageStatus } from "@/db/queries/invitations";
import { statusesNeedingInvitation } from "@/db/queries/staff";
import { requireAdmin } from "@/lib/auth/guards";
import { mailTransport } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import {
  parseStaffListParams,
  queryStatus,
  staffCsvHref,
  staffListQuery,
  STAFF_FILTER_STATUSES,
} from "@/lib/staff/staff-list-params";
import { linkClass, TextLink } from "@/components/text-link";
import { cn } from "@/lib/cn";
import { StaffTable, type StaffTableRow } from "./_components/staff-table";
import { filterLabels } from "./_components/status-labels";

export const metadata: Metadata = { title: "Staff" };

const PAGE_SIZE = 50;
const field = "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The one list of staff: who they are (staff id, schools, classes), whether they were invited,
 * and the buttons to invite, resend, revoke, deactivate or reactivate. The Roster's Staff tab
 * leads here (`/admin/roster/staff` redirects).
 */
export default async function StaffPage({ searchParams }: { searchParams: SearchParams }) {
  const { organization } = await requireAdmin();
  const params = parseStaffListParams(await searchParams);
  const db = await getDb();
  const [list, schools] = await Promise.all([
    listStaffInvitations(db, organization.id, {
      status: queryStatus(params.status),
      schoolId: params.school,
      q: params.q,
      page: params.page,
      pageSize: PAGE_SIZE,
    }),
    listSchoolFilterOptions(db, organization.id),
  ]);
  const when = (value: Date | null) => formatDateTime(value, organization.timeZone);
  const rows: StaffTableRow[] = list.rows.map((row) => ({
    id: row.id,
    name: `${row.lastName}, ${row.firstName}`,
    email: row.email,
    staffId: row.staffId,
    schools: row.schools,
    classes: row.classes,
    status: row.status,
    detail: statusDetail(row.status, row, when),
  }));
  const count = (statuses: readonly StaffPageStatus[]) => statuses.reduce((n, status) => n + list.counts[status], 0);
  const allStaff = count(["not_invited", "invited", "expired", "send_failed", "active", "deactivated"]);
  const needInvitation = count(statusesNeedingInvitation);
  const optionCounts: Record<(typeof STAFF_FILTER_STATUSES)[number], number> = {
    not_invited: needInvitation,
    invited: list.counts.invited,
    active: list.counts.active,
    deactivated: list.counts.deactivated,
  };
  const filtered = Boolean(params.q || params.status || params.school);

  return (
    <>
      <PageHeader
        title="Staff"
        description={`Everyone your roster files name as staff, and their access. ${needInvitation.toLocaleString("en-US")} not invited yet.`}
      />
      {mailTransport() === "outbox" ? (
        <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          <span className="font-semibold">Email is not being delivered.</span> This server keeps invitations and sign-in
          emails instead of sending them, so staff will not receive them. Ask the person who runs RosterSync for your
          district to set up email delivery.
        </p>
      ) : null}
      {allStaff === 0 && !filtered ? (
        <EmptyState title="No staff yet">
          <p>
            Staff appear here when a roster file names them.{" "}
            <TextLink href="/admin/imports/new" className="font-medium">
              Import a combined or staff file
            </TextLink>{" "}
            first.
          </p>
        </EmptyState>
      ) : (
        <>
          <form
            method="get"
            role="search"
            className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
            aria-label="Filters"
          >
            <label className="min-w-48 flex-1 text-sm font-medium text-slate-700">
              Search staff
              <input
                type="search"
                name="q"
                defaultValue={params.q}
                maxLength={200}
                placeholder="Last name, first name or email"
                className={cn(field, "w-full")}
              />
            </label>
            <label className="text-sm font-medium text-slate-700">
              Status
              <select name="status" defaultValue={params.status ?? ""} className={field}>
                <option value="">All ({allStaff.toLocaleString("en-US")})</option>
                {STAFF_FILTER_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {filterLabels[status]} ({optionCounts[status].toLocaleString("en-US")})
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm font-medium text-slate-700">
              School
              <select name="school" defaultValue={params.school ?? ""} className={field}>
                <option value="">All schools</option>
                {schools.map((school) => (
                  <option key={school.id} value={school.id}>
                    {school.label}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Filter
            </button>
            {filtered ? (
              <TextLink href="/admin/staff" className="py-1.5 text-sm font-medium">
                Clear filters
              </TextLink>
            ) : null}
            <a
              href={staffCsvHref(params)}
              className={cn(linkClass, "ml-auto self-center text-sm font-medium")}
              download
            >
              Download CSV
            </a>
          </form>
          <StaffTable rows={rows} needInvitation={needInvitation} schoolId={params.school ?? null} q={params.q} />
          <Pagination
            page={params.page}
            pageSize={PAGE_SIZE}
            total={list.total}
            basePath="/admin/staff"
            params={staffListQuery({ ...params, page: 1 })}
            label="staff"
          />
        </>
      )}
    </>
  );
}

function statusDetail(
  status: StaffPageStatus,
  row: { sentAt: Date | null; sentByEmail: string | null; expiresAt: Date | null },
  when: (value: Date | null) => string,
): string | null {
  if (!row.sentAt) return null;
  const by = row.sentByEmail ? ` by ${row.sentByEmail}` : "";
  switch (status) {
    case "invited":
      return `Sent ${when(row.sentAt)}${by} · expires ${when(row.expiresAt)}`;
    case "expired":
      return `Sent ${when(row.sentAt)}${by} · expired ${when(row.expiresAt)}`;
    case "send_failed":
      return `Tried ${when(row.sentAt)}${by}: the mail service refused it. Resend to try again.`;
    default:
      return null;
  }
}
