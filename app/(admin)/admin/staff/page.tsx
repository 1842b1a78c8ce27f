import type { Metadata } from "next";
import { z } from "zod";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { getDb } from "@/db/client";
import {
  listSchoolFilterOptions,
  listStaffInvitations,
  staffPageStatuses,
  type StaffPageStatus,
} from "@/db/queries/invitations";
import { statusesNeedingInvitation } from "@/db/queries/staff";
import { requireAdmin } from "@/lib/auth/guards";
import { mailTransport } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { StaffTable, type StaffTableRow } from "./_components/staff-table";
import { statusLabels } from "./_components/status-labels";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Staff" };

const PAGE_SIZE = 50;
const filtersSchema = z.object({
  status: z
    .enum([...staffPageStatuses, "needs_invitation"])
    .optional()
    .catch(undefined),
  school: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StaffPage({ searchParams }: { searchParams: SearchParams }) {
  const { organization } = await requireAdmin();
  const raw = await searchParams;
  const filters = filtersSchema.parse({
    status: raw.status || undefined,
    school: raw.school || undefined,
    page: raw.page || undefined,
  });
  const page = filters.page ?? 1;
  const db = await getDb();
  const [list, schools] = await Promise.all([
    listStaffInvitations(db, organization.id, {
      status: filters.status,
      schoolId: filters.school,
      page,
      pageSize: PAGE_SIZE,
    }),
    listSchoolFilterOptions(db, organization.id),
  ]);
  const when = (value: Date | null) => formatDateTime(value, organization.timeZone);
  const rows: StaffTableRow[] = list.rows.map((row) => ({
    id: row.id,
    name: `${row.lastName}, ${row.firstName}`,
    email: row.email,
    schools: row.schools,
    status: row.status,
    detail: statusDetail(row.status, row, when),
  }));
  const allStaff = Object.values(list.counts).reduce((a, b) => a + b, 0);
  const needInvitation = statusesNeedingInvitation.reduce((n, status) => n + list.counts[status], 0);

  return (
    <>
      <PageHeader
        title="Staff"
        description={`Invite staff to see their classes. ${needInvitation.toLocaleString("en-US")} not yet invited.`}
      />
      {mailTransport() === "outbox" ? (
        <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          <span className="font-semibold">Email is not being delivered.</span> This server keeps invitations and sign-in
          emails instead of sending them, so staff will not receive them. Ask the person who runs RosterSync for your
          district to set up email delivery.
        </p>
      ) : null}
      {allStaff === 0 && !filters.school ? (
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
          <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filters">
            <label className="text-sm font-medium text-slate-700">
              Status
              <select
                name="status"
                defaultValue={filters.status ?? ""}
                className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              >
                <option value="">All ({allStaff.toLocaleString("en-US")})</option>
                <option value="needs_invitation">Needs an invitation ({needInvitation.toLocaleString("en-US")})</option>
                {staffPageStatuses.map((status) => (
                  <option key={status} value={status}>
                    {statusLabels[status]} ({list.counts[status].toLocaleString("en-US")})
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm font-medium text-slate-700">
              School
              <select
                name="school"
                defaultValue={filters.school ?? ""}
                className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              >
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
            {filters.status || filters.school ? (
              <TextLink href="/admin/staff" className="py-1.5 text-sm font-medium">
                Clear filters
              </TextLink>
            ) : null}
          </form>
          <StaffTable rows={rows} needInvitation={needInvitation} schoolId={filters.school ?? null} />
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={list.total}
            basePath="/admin/staff"
            params={{ status: filters.status, school: filters.school?.toString() }}
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
