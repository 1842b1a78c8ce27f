import { z } from "zod";
import { rosterStatuses, type RosterStatus } from "@/db/queries/roster-list";
import { withoutControlCharacters } from "@/lib/validation";

// The roster lists keep their filters in the URL (`?q=…&status=…&school=…&page=…`), so a view can
// be bookmarked, shared, reloaded and downloaded as CSV. Values that do not parse fall back to
// their default instead of failing the page: a mistyped or stale link still shows the list.

export type SearchParams = Record<string, string | string[] | undefined>;

const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);

export const rosterParamsSchema = z.object({
  q: z.string().trim().max(200).catch(""),
  status: z.enum(rosterStatuses).catch("active"),
  page: z.coerce.number().int().min(1).catch(1),
  school: idParam,
  term: idParam,
  teacher: idParam,
});

export type RosterParams = {
  q: string;
  status: RosterStatus;
  page: number;
  school?: number;
  term?: number;
  teacher?: number;
};

const DEFAULTS = { q: "", status: "active", page: 1 } as const;

/** The list parameters of a page's `searchParams` or a route's `URLSearchParams`. */
export function parseRosterParams(input: SearchParams | URLSearchParams): RosterParams {
  // Control characters are dropped (`?q=%00` searches for nothing; PostgreSQL cannot hold NUL).
  const get = (key: string) => {
    const value = input instanceof URLSearchParams ? (input.get(key) ?? undefined) : input[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : withoutControlCharacters(first);
  };
  const parsed = rosterParamsSchema.parse({
    q: get("q") ?? "",
    status: get("status") ?? DEFAULTS.status,
    page: get("page") ?? DEFAULTS.page,
    school: get("school"),
    term: get("term"),
    teacher: get("teacher"),
  });
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as RosterParams;
}

type Changes = Partial<Record<keyof RosterParams, string | number | undefined>>;

/**
 * The query of these parameters with `changes` applied, as strings, leaving out defaults (page 1,
 * active, empty search) so URLs stay short. A change of filters goes back to page 1 unless it
 * sets one.
 */
export function rosterQuery(params: Partial<RosterParams>, changes: Changes = {}): Record<string, string> {
  const merged: Record<string, string | number | undefined> = { ...params, ...changes };
  if (!("page" in changes)) merged.page = undefined;
  const query: Record<string, string> = {};
  for (const key of ["q", "status", "school", "term", "teacher", "page"] as const) {
    const value = merged[key];
    if (value === undefined || value === "" || value === DEFAULTS[key as keyof typeof DEFAULTS]) continue;
    query[key] = String(value);
  }
  return query;
}

/** `path?query` for these parameters with `changes` applied (see rosterQuery). */
export function rosterHref(path: string, params: Partial<RosterParams>, changes: Changes = {}): string {
  const text = new URLSearchParams(rosterQuery(params, changes)).toString();
  return text ? `${path}?${text}` : path;
}

/** The internal id in a detail page's URL, or null when it cannot be one (→ 404). */
export function parseRecordId(param: string): number | null {
  if (!/^[1-9]\d{0,14}$/.test(param)) return null;
  return Number(param);
}
