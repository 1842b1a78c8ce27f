import { Pagination } from "@/components/pagination";
import type { Page } from "@/db/queries/roster-list";
import { rosterQuery, type RosterParams } from "@/lib/roster/list-params";

/** A roster list's count and page links, keeping its filters. */
export function RosterPagination({
  list,
  path,
  params,
  label,
}: {
  list: Page<unknown>;
  path: string;
  params: RosterParams;
  label: string;
}) {
  return (
    <Pagination
      page={list.page}
      pageSize={list.pageSize}
      pageCount={list.pageCount}
      total={list.total}
      totalCapped={list.totalCapped}
      basePath={path}
      params={rosterQuery(params)}
      label={label}
    />
  );
}
