import type { Metadata } from "next";
import Link from "next/link";
import { Cell, DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { ActiveBadge, Badge } from "@/components/badge";
import { getDb } from "@/db/client";
import { listStaff } from "@/db/queries/roster-staff";
import { requireAdmin } from "@/lib/auth/guards";
import { parseRosterParams, rosterHref, type SearchParams } from "@/lib/roster/list-params";
import { invitationLabel } from "../_components/invitation-labels";
import { RosterListPage } from "../_components/roster-list-page";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Staff · Roster" };

export default async function RosterStaffPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { organization } = await requireAdmin();
  const params = parseRosterParams(await searchParams);
  const db = await getDb();
  const list = await listStaff(db, organization.id, params, params.page);
  const any = list.total > 0 || (await listStaff(db, organization.id, { q: "", status: "all" }, 1)).total > 0;
  return (
    <RosterListPage
      tab="staff"
      hasRoster={any}
      params={params}
      filters={{ searchLabel: "Search staff", searchPlaceholder: "Last name, first name or email" }}
      list={list}
      noMatch={
        <EmptyState title="No staff match">
          <p>Search looks at the start of the first name, the last name and the email.</p>
        </EmptyState>
      }
      footer={
        <p className="mt-4 text-xs text-slate-500">
          Invitations are sent from the{" "}
          <Link href="/admin/staff" className="underline underline-offset-4">
            Staff
          </Link>{" "}
          page.
        </p>
      }
    >
      <DataTable label="Staff" columns={["Name", "Email", "Staff ID", "Title", "Invitation", "Classes", "Status"]}>
        {list.rows.map((s) => {
          const invitation = invitationLabel(s.invitationStatus);
          return (
            <tr key={s.id}>
              <Cell className="font-medium">
                {s.lastName}, {s.firstName}
              </Cell>
              <Cell className="break-all">{s.email}</Cell>
              <Cell className="font-mono text-xs">{s.staffId ?? "—"}</Cell>
              <Cell>{s.title}</Cell>
              <Cell>
                <Badge tone={invitation.tone}>{invitation.label}</Badge>
              </Cell>
              <Cell className="tabular-nums">
                <TextLink
                  href={rosterHref("/admin/roster/classes", {}, { teacher: s.id })}

                  aria-label={`Classes of ${s.firstName} ${s.lastName}`}
                >
                  {s.classes.toLocaleString("en-US")}
                </TextLink>
              </Cell>
              <Cell>
                <ActiveBadge active={s.active} />
              </Cell>
            </tr>
          );
        })}
      </DataTable>
    </RosterListPage>
  );
}
