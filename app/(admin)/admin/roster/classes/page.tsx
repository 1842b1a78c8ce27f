import type { Metadata } from "next";
import { Cell, DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { ActiveBadge } from "@/components/badge";
import { getDb } from "@/db/client";
import { getClassFilterOptions, listClasses } from "@/db/queries/roster-classes";
import { requireAdmin } from "@/lib/auth/guards";
import { parseRosterParams, type SearchParams } from "@/lib/roster/list-params";
import { ClassCells, classCellLabels } from "../_components/class-cells";
import { RosterListPage } from "../_components/roster-list-page";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Classes · Roster" };

const PATH = "/admin/roster/classes";

export default async function ClassesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { organization } = await requireAdmin();
  const params = parseRosterParams(await searchParams);
  const db = await getDb();
  const [options, list] = await Promise.all([
    getClassFilterOptions(db, organization.id, params),
    listClasses(db, organization.id, params, params.page),
  ]);
  return (
    <RosterListPage
      tab="classes"
      hasRoster={options.schools.length > 0}
      params={params}
      filters={{
        searchLabel: "Search classes",
        searchPlaceholder: "Class name or class id",
        selects: [
          { name: "school", label: "School", options: options.schools },
          { name: "term", label: "Term", options: options.terms },
          {
            name: "teacher",
            label: "Teacher",
            options: options.teachers ?? [],
            note: options.teachers ? undefined : "Choose a school first",
          },
        ],
      }}
      list={list}
      noMatch={
        <EmptyState title="No classes match these filters">
          <TextLink href={PATH} className="font-medium">
            Clear the filters
          </TextLink>
        </EmptyState>
      }
    >
      <DataTable label="Classes" columns={[...classCellLabels, "Teachers", "Students", "Status"]}>
        {list.rows.map((c) => (
          <tr key={c.id}>
            <ClassCells klass={c} />
            <Cell>{c.teachers ?? <span className="text-slate-500">No teacher</span>}</Cell>
            <Cell className="tabular-nums">{c.students.toLocaleString("en-US")}</Cell>
            <Cell>
              <ActiveBadge active={c.active} />
            </Cell>
          </tr>
        ))}
      </DataTable>
    </RosterListPage>
  );
}
