import type { ComponentProps, ReactNode } from "react";
import type { Page } from "@/db/queries/roster-list";
import type { RosterParams } from "@/lib/roster/list-params";
import { ListFilters } from "./list-filters";
import { NoRosterYet } from "./no-roster-yet";
import { RosterPagination } from "./roster-pagination";
import { RosterTabs, rosterTabs, type RosterTab } from "./roster-tabs";

/**
 * One of the four roster lists (schools, classes, students, staff): the tabs, then either how to
 * get a roster (the organization has none of these yet) or the filters, the table of this page
 * (`children`, or `noMatch` when no row matches) and the page links.
 */
export function RosterListPage({
  tab,
  hasRoster,
  params,
  filters,
  list,
  noMatch,
  footer,
  children,
}: {
  tab: RosterTab;
  /** False when the organization has no record of this kind at all. */
  hasRoster: boolean;
  params: RosterParams;
  filters: Omit<ComponentProps<typeof ListFilters>, "action" | "params">;
  list: Page<unknown>;
  noMatch: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}) {
  const path = rosterTabs.find((t) => t.key === tab)?.href ?? "/admin/roster";
  return (
    <>
      <RosterTabs current={tab} />
      {hasRoster ? (
        <p className="mb-3 text-right text-sm">
          {/* A file download, not a page: a plain link (no client-side navigation). */}
          <a
            href="/admin/roster/oneroster"
            download
            className="font-medium text-indigo-700 underline underline-offset-4"
          >
            Download roster (OneRoster 1.1 CSV)
          </a>
        </p>
      ) : null}
      {!hasRoster ? (
        <NoRosterYet what={tab} />
      ) : (
        <>
          <ListFilters action={path} params={params} {...filters} />
          {list.rows.length === 0 ? noMatch : children}
          <RosterPagination list={list} path={path} params={params} label={tab} />
          {footer}
        </>
      )}
    </>
  );
}
