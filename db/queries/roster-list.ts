import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { inBatches, type OnBatch } from "./in-batches";

// Internal ids are bigint; raw selects cast them `::float8` so both drivers hand over a JS number
// (postgres.js gives int8 as text), exact below 2^53.
//
// What the admin roster lists share: one page of a filtered, stably ordered list plus its total,
// and the search and status conditions. The SQL of each list lives in its own module
// (roster-schools.ts, roster-classes.ts, roster-students.ts, roster-staff.ts).

export const PAGE_SIZE = 50;
/**
 * Lists count their matches up to this many and page through that many at most: past it the
 * admin narrows the search or downloads the CSV (which has every match). Counting and paging
 * 166,667 students would cost a full scan per page view.
 */
export const COUNT_CAP = 10_000;

export const rosterStatuses = ["active", "inactive", "all"] as const;
export type RosterStatus = (typeof rosterStatuses)[number];

/** `total` is at most COUNT_CAP + 1; `totalCapped` says there are more than COUNT_CAP matches. */
export type Page<T> = {
  rows: T[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageCount: number;
  pageSize: number;
};

/** A list query: `select` (the columns), `from` (from, joins and where) and `orderBy` (unique). */
export type ListQuery = { select: SQL; from: SQL; orderBy: SQL };

/**
 * One page of the list and the number of matching records (up to COUNT_CAP). A page past the end
 * answers the last page, so a stale link after an import still shows something.
 */
export async function pageOf<T>(
  db: Executor,
  query: ListQuery,
  requestedPage: number,
  { pageSize = PAGE_SIZE, countCap = COUNT_CAP }: { pageSize?: number; countCap?: number } = {},
): Promise<Page<T>> {
  const fetchPage = async (page: number) =>
    rowsOf<T>(
      await db.execute(
        sql`select ${query.select} from ${query.from} order by ${query.orderBy} limit ${pageSize} offset ${(page - 1) * pageSize}`,
      ),
    );
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), Math.ceil(countCap / pageSize));
  const [counted, firstTry] = await Promise.all([
    db.execute(
      sql`select count(*)::int as total from (select 1 from ${query.from} order by ${query.orderBy} limit ${countCap + 1}) x`,
    ),
    fetchPage(page),
  ]);
  const total = Number(rowsOf<{ total: number }>(counted)[0]?.total ?? 0);
  const pageCount = Math.max(1, Math.ceil(Math.min(total, countCap) / pageSize));
  const rows = page > pageCount ? await fetchPage(pageCount) : firstTry;
  return { rows, total, totalCapped: total > countCap, page: Math.min(page, pageCount), pageCount, pageSize };
}

/**
 * A list's two readers, both from one query builder: `page` (one page and the count) and
 * `exportAll` (every match, in list order, in batches: the CSV download).
 */
export function rosterList<F, T>(build: (organizationId: string, filters: F) => ListQuery) {
  return {
    page: (db: Executor, organizationId: string, filters: F, page: number): Promise<Page<T>> =>
      pageOf<T>(db, build(organizationId, filters), page),
    exportAll: (db: Executor, organizationId: string, filters: F, onBatch: OnBatch<T>): Promise<number> => {
      const { select, from, orderBy } = build(organizationId, filters);
      return inBatches(db, sql`select ${select} from ${from} order by ${orderBy}`, {}, onBatch);
    },
  };
}

/** `and <alias>.active` / `and not <alias>.active` / nothing. */
export function statusCondition(column: SQL, status: RosterStatus): SQL {
  if (status === "active") return sql` and ${column}`;
  if (status === "inactive") return sql` and not ${column}`;
  return sql``;
}

/** A LIKE pattern that matches text starting with `text` (its own % and _ taken literally). */
export function startsWithPattern(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(col) collate "C" like 'text%'`: served by an index on `lower(col) collate "C"`. */
function startsWith(column: SQL, text: string): SQL {
  return sql`lower(${column}) collate "C" like ${startsWithPattern(text)}`;
}

/**
 * `offset 0` when searching: put after a searched subquery's where clause, it keeps the planner
 * from walking the list's order index and filtering (slow when the matches sort late); the
 * matches are fetched through the search indexes and sorted instead.
 */
export function searchFence(q: string): SQL {
  return searchWords(q).length > 0 ? sql` offset 0` : sql``;
}

/** The words of a search box: trimmed, at most five, each at most 100 characters. */
export function searchWords(q: string): string[] {
  return q
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((w) => w.slice(0, 100));
}

/**
 * The search condition (` and (…)`, or nothing for an empty search): the whole search text starts
 * one of the columns ("Ana María", "van der Berg"), or, for several words, every word starts one
 * of the columns ("ann smi" finds Ann Smith). Case-insensitive; each column needs an index on
 * `(organization_id, lower(col) collate "C")` for this to be an index scan.
 */
export function searchCondition(q: string, columns: SQL[]): SQL {
  const words = searchWords(q);
  if (words.length === 0) return sql``;
  const phrase = words.join(" ");
  const anyColumn = (text: string) =>
    sql.join(
      columns.map((column) => startsWith(column, text)),
      sql` or `,
    );
  if (words.length === 1) return sql` and (${anyColumn(phrase)})`;
  const everyWord = sql.join(
    words.map((word) => sql`(${anyColumn(word)})`),
    sql` and `,
  );
  return sql` and (${anyColumn(phrase)} or (${everyWord}))`;
}
