import { z } from "zod";
import { withoutControlCharacters } from "@/lib/validation";

// The Staff page's filters, kept in the URL (`/admin/staff?q=…&status=…&school=…&page=…`). It is
// the one list of staff: the Roster's Staff tab (`/admin/roster/staff`) redirects here, its
// `status=inactive` becoming "deactivated". One "not invited" filter: everyone who needs an
// invitation — never invited, their invitation expired, or its mail was refused. Older links'
// `needs_invitation`, `expired` and `send_failed` mean the same.

export const STAFF_FILTER_STATUSES = ["not_invited", "invited", "active", "deactivated"] as const;
export type StaffFilterStatus = (typeof STAFF_FILTER_STATUSES)[number];

const ALIASES: Record<string, StaffFilterStatus> = {
  needs_invitation: "not_invited",
  expired: "not_invited",
  send_failed: "not_invited",
  inactive: "deactivated",
};

export type StaffListParams = { q: string; status?: StaffFilterStatus; school?: number; page: number };

const schema = z.object({
  q: z.string().trim().max(200).catch(""),
  status: z.enum(STAFF_FILTER_STATUSES).optional().catch(undefined),
  school: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

type Input = Record<string, string | string[] | undefined>;

/** The filters of a request; what does not parse falls back to its default (a stale link still shows the list). */
export function parseStaffListParams(input: Input): StaffListParams {
  const get = (key: string) => {
    const value = input[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined || first === "" ? undefined : withoutControlCharacters(first);
  };
  const status = get("status");
  return schema.parse({
    q: get("q") ?? "",
    status: status === undefined ? undefined : (ALIASES[status] ?? status),
    school: get("school"),
    page: get("page") ?? 1,
  });
}

/** The query of these filters without defaults (`{ q: "ann", status: "invited" }`). */
export function staffListQuery(params: Partial<StaffListParams>): Record<string, string> {
  const query: Record<string, string> = {};
  if (params.q) query.q = params.q;
  if (params.status) query.status = params.status;
  if (params.school) query.school = String(params.school);
  if (params.page && params.page > 1) query.page = String(params.page);
  return query;
}

/** `/admin/staff?…` for these filters. */
export function staffListHref(params: Partial<StaffListParams>): string {
  const text = new URLSearchParams(staffListQuery(params)).toString();
  return text ? `/admin/staff?${text}` : "/admin/staff";
}

/** The Staff page's status as the staff list query takes it. */
export function queryStatus(status: StaffFilterStatus | undefined) {
  return status === "not_invited" ? ("needs_invitation" as const) : status;
}

/** The CSV download of the same search: the roster's staff CSV, deactivated or all. */
export function staffCsvHref(params: StaffListParams): string {
  const query = new URLSearchParams({ status: params.status === "deactivated" ? "inactive" : "all" });
  if (params.q) query.set("q", params.q);
  return `/admin/roster/staff/export?${query.toString()}`;
}
