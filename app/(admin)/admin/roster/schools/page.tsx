import type { Metadata } from "next";
import { Cell, DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { getDb } from "@/db/client";
import { listSchools } from "@/db/queries/roster-schools";
import { requireAdmin } from "@/lib/auth/guards";
import { parseRecordId, parseRosterParams, rosterHref, type SearchParams } from "@/lib/roster/list-params";
import { RosterListPage } from "../_components/roster-list-page";
import { SchoolNameForm } from "./_components/school-name-form";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Schools · Roster" };

const PATH = "/admin/roster/schools";

export default async function SchoolsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { organization } = await requireAdmin();
  const raw = await searchParams;
  const params = parseRosterParams(raw);
  const editing = parseRecordId(String(raw.edit ?? ""));
  const list = await listSchools(await getDb(), organization.id, { q: params.q }, params.page);
  const here = rosterHref(PATH, params, { page: list.page });
  return (
    <RosterListPage
      tab="schools"
      hasRoster={!(list.total === 0 && params.q === "")}
      params={params}
      filters={{ searchLabel: "Search schools", searchPlaceholder: "School id or name", withStatus: false }}
      list={list}
      noMatch={
        <EmptyState title="No schools match this search">
          <TextLink href={PATH} className="font-medium">
            Show every school
          </TextLink>
        </EmptyState>
      }
      footer={
        <p className="mt-4 text-xs text-slate-500">
          Schools come from your roster files. A OneRoster, Clever or SDS set gives their names; a single roster file
          gives ids only, so name those schools here. A name you set stays until a set gives the school another.
        </p>
      }
    >
      <DataTable label="Schools" columns={["Name", "School ID", "Active classes", "Students", "Staff"]}>
        {list.rows.map((school) => (
          <tr key={school.id}>
            <Cell>
              {editing === school.id ? (
                <SchoolNameForm
                  schoolId={school.id}
                  schoolCode={school.schoolId}
                  name={school.name}
                  q={params.q}
                  page={list.page}
                  cancelHref={here}
                />
              ) : (
                <span className="flex flex-wrap items-center gap-x-3">
                  {school.name ?? <span className="text-slate-500">No name yet</span>}
                  <TextLink
                    href={`${here}${here.includes("?") ? "&" : "?"}edit=${school.id}`}
                    className="text-xs font-medium"
                    aria-label={`Edit the name of school ${school.schoolId}`}
                  >
                    {school.name ? "Edit" : "Add a name"}
                  </TextLink>
                </span>
              )}
            </Cell>
            <Cell className="font-mono text-xs">{school.schoolId}</Cell>
            <Cell className="tabular-nums">
              <TextLink href={rosterHref("/admin/roster/classes", {}, { school: school.id })}>
                {school.classes.toLocaleString("en-US")}
              </TextLink>
            </Cell>
            <Cell className="tabular-nums">{school.students.toLocaleString("en-US")}</Cell>
            <Cell className="tabular-nums">{school.staff.toLocaleString("en-US")}</Cell>
          </tr>
        ))}
      </DataTable>
    </RosterListPage>
  );
}
