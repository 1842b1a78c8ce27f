import { getDb, type Executor } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import type { OnBatch } from "@/db/queries/in-batches";
import type { AdminContext } from "@/lib/auth/guards";
import { csvFileName, csvResponse, type CsvColumn } from "@/lib/csv/csv-response";
import { parseRosterParams, type RosterParams } from "./list-params";

type ListExport<T> = (
  db: Executor,
  organizationId: string,
  filters: RosterParams,
  onBatch: OnBatch<T>,
) => Promise<number>;

/**
 * A roster list's CSV download: the filters of the request's URL (the list's own), every match in
 * list order, named `<list>-<date>.csv`. The route has authorized the admin first.
 */
export async function rosterCsv<T>(
  request: Request,
  admin: AdminContext,
  list: string,
  columns: readonly CsvColumn<T>[],
  exportList: ListExport<T>,
): Promise<Response> {
  const { organization } = admin;
  const filters = parseRosterParams(new URL(request.url).searchParams);
  const db = await getDb();
  // The audit log says which list was downloaded, never what was searched for (a name).
  await recordAudit(db, organization.id, {
    actorUserId: admin.user.id,
    action: "roster.exported",
    targetType: "list",
    targetId: list,
    details: { status: filters.status },
  });
  return csvResponse(csvFileName(list, organization.timeZone), columns, (onBatch) =>
    exportList(db, organization.id, filters, onBatch),
  );
}

/** "active" / "inactive", as the CSVs write a record's status. */
export const statusText = (row: { active: boolean }) => (row.active ? "active" : "inactive");
