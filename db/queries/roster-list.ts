import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { searchQuery } from "@/db/search-words";
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

/**
 * A list query: `select` (the columns), `from` (from and where: what is listed, counted and
 * ordered), `orderBy` (unique, on `from`'s columns) and optional `joins` onto `from`, aliased
 * `alias`, for the columns shown: a page is ordered and cut from `from` alone, then joined (else
 * the planner may join every record before sorting them, ~150 ms for 39,072 classes).
 */
export type ListQuery = { select: SQL; from: SQL; orderBy: SQL; joins?: { alias: string; sql: SQL } };

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
  const fetchPage = async (page: number) => {
    const cut = sql`order by ${query.orderBy} limit ${pageSize} offset ${(page - 1) * pageSize}`;
    const { joins } = query;
    const statement = joins
      ? sql`select ${query.select} from (select ${sql.raw(joins.alias)}.* from ${query.from} ${cut}) ${sql.raw(joins.alias)}
          ${joins.sql} order by ${query.orderBy}`
      : sql`select ${query.select} from ${query.from} ${cut}`;
    return rowsOf<T>(await db.execute(statement));
  };
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), Math.ceil(countCap / pageSize));
  const [counted, firstTry] = await Promise.all([
    // Unordered: any countCap + 1 matches will do, so the planner may stop at the first ones it
    // finds (a scan of the table's first pages) instead of walking the list's order index.
    db.execute(sql`select count(*)::int as total from (select 1 from ${query.from} limit ${countCap + 1}) x`),
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
      const { select, from, orderBy, joins } = build(organizationId, filters);
      return inBatches(db, sql`select ${select} from ${from} ${joins?.sql ?? sql``} order by ${orderBy}`, {}, onBatch);
    },
  };
}

/** `and <alias>.active` / `and not <alias>.active` / nothing. */
export function statusCondition(column: SQL, status: RosterStatus): SQL {
  if (status === "active") return sql` and ${column}`;
  if (status === "inactive") return sql` and not ${column}`;
  return sql``;
}

/**
 * `offset 0` when searching: put after a searched subquery's where clause, it keeps the planner
 * from walking the list's order index and filtering (slow when the matches sort late); the
 * matches are fetched through the search index and sorted instead.
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
 * The search condition (` and …`, or nothing for an empty search): every word of the search box
 * starts a word of the record's `search_words` (its names word by word, its id or email whole),
 * accents and case ignored: "zoe" finds Zoë, "garcia" finds Ana García, "ann smi" Ann Smith,
 * "lopez" Ana María García López. Served by the table's GIN index on `search_words`.
 */
export function searchCondition(q: string, searchWordsColumn: SQL): SQL {
  const query = searchQuery(searchWords(q));
  return query === null ? sql`` : sql` and ${searchWordsColumn} @@ ${query}::tsquery`;
}
