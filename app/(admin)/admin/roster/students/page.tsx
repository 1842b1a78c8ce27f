import type { Metadata } from "next";
import { Cell, DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { ActiveBadge } from "@/components/badge";
import { getDb } from "@/db/client";
import { listStudents } from "@/db/queries/roster-students";
import { requireAdmin } from "@/lib/auth/guards";
import { parseRosterParams, rosterHref, type SearchParams } from "@/lib/roster/list-params";
import { RosterListPage } from "../_components/roster-list-page";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Students · Roster" };

const PATH = "/admin/roster/students";

export default async function StudentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { organization } = await requireAdmin();
  const params = parseRosterParams(await searchParams);
  const db = await getDb();
  const list = await listStudents(db, organization.id, params, params.page);
  const any = list.total > 0 || (await listStudents(db, organization.id, { q: "", status: "all" }, 1)).total > 0;
  return (
    <RosterListPage
      tab="students"
      hasRoster={any}
      params={params}
      filters={{ searchLabel: "Search students", searchPlaceholder: "Last name, first name or student id" }}
      list={list}
      noMatch={
        <EmptyState title="No students match">
          <p>
            Search looks at the start of the first name, the last name and the student id.{" "}
            {params.status !== "all" ? (
              <TextLink href={rosterHref(PATH, params, { status: "all" })} className="font-medium">
                Search all students, active or not
              </TextLink>
            ) : null}
          </p>
        </EmptyState>
      }
    >
      <DataTable label="Students" columns={["Student ID", "Last name", "First name", "Grade", "Email", "Status"]}>
        {list.rows.map((s) => (
          <tr key={s.id}>
            <Cell>
              <TextLink href={`${PATH}/${s.id}`} className="font-mono text-xs font-medium">
                {s.studentId}
              </TextLink>
            </Cell>
            <Cell>{s.lastName}</Cell>
            <Cell>{s.firstName}</Cell>
            <Cell>{s.grade}</Cell>
            <Cell className="break-all">{s.email}</Cell>
            <Cell>
              <ActiveBadge active={s.active} />
            </Cell>
          </tr>
        ))}
      </DataTable>
    </RosterListPage>
  );
}
