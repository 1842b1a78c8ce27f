import Link from "next/link";

/**
 * "Showing 51–100 of 1,234" and links to the pages around this one. `hrefFor` builds a page's
 * URL with the list's filters. A capped total reads "10,000+", with a hint to narrow the list.
 */
export function NumberedPagination({
  page,
  pageCount,
  pageSize,
  total,
  totalCapped,
  shown,
  noun,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  totalCapped: boolean;
  shown: number;
  noun: string;
  hrefFor: (page: number) => string;
}) {
  const first = (page - 1) * pageSize + 1;
  const count = totalCapped ? `${(total - 1).toLocaleString("en-US")}+` : total.toLocaleString("en-US");
  const pages = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  const link = "rounded-md px-2.5 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50";
  return (
    <div className="mt-3 flex flex-col gap-2 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
      <p data-testid="list-count">
        {shown === 0 ? `No ${noun}` : `Showing ${first.toLocaleString("en-US")}–${(first + shown - 1).toLocaleString("en-US")} of ${count} ${noun}`}
        {totalCapped ? " — only the first pages are listed: search or filter to narrow them, or download the CSV for all." : ""}
      </p>
      {pageCount > 1 ? (
        <nav aria-label="Pages" className="flex flex-wrap items-center gap-1">
          {page > 1 ? (
            <Link href={hrefFor(page - 1)} className={link} rel="prev">
              Previous
            </Link>
          ) : null}
          {pages.map((p, i) => (
            <span key={p} className="flex items-center gap-1">
              {i > 0 && p - pages[i - 1]! > 1 ? <span aria-hidden>…</span> : null}
              {p === page ? (
                <span aria-current="page" className="rounded-md bg-indigo-600 px-2.5 py-1 font-semibold text-white">
                  {p}
                </span>
              ) : (
                <Link href={hrefFor(p)} className={link} aria-label={`Page ${p}`}>
                  {p}
                </Link>
              )}
            </span>
          ))}
          {page < pageCount ? (
            <Link href={hrefFor(page + 1)} className={link} rel="next">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
