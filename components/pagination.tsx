import Link from "next/link";

/**
 * "51–100 of 1,234 imports" with Previous / Next and the page numbers around this one; the links
 * keep the page's other query parameters (filters live in the URL). `params` is the current
 * query without `page`. A list that counts only up to a cap passes `totalCapped` (the total then
 * reads "10,000+") and the `pageCount` it offers.
 */
export function Pagination({
  page,
  pageSize,
  total,
  basePath,
  params,
  label = "results",
  totalCapped = false,
  pageCount,
}: {
  page: number;
  pageSize: number;
  total: number;
  basePath: string;
  params: Record<string, string | undefined>;
  label?: string;
  totalCapped?: boolean;
  pageCount?: number;
}) {
  const pages = pageCount ?? Math.max(1, Math.ceil(total / pageSize));
  const href = (target: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    if (target > 1) query.set("page", String(target));
    const text = query.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const count = totalCapped ? `${(total - 1).toLocaleString("en-US")}+` : total.toLocaleString("en-US");
  const numbers = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const link =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  return (
    <nav
      aria-label="Pagination"
      className="mt-4 flex flex-col gap-2 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between"
    >
      <p>
        {first.toLocaleString("en-US")}–{last.toLocaleString("en-US")} of {count} {label}
        {totalCapped
          ? " — only the first pages are listed: search or filter to narrow them, or download the CSV for all."
          : ""}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <Link className={link} href={href(page - 1)} rel="prev">
            Previous
          </Link>
        ) : null}
        {pages > 2
          ? numbers.map((p, i) => (
              <span key={p} className="flex items-center gap-2">
                {i > 0 && p - numbers[i - 1]! > 1 ? <span aria-hidden>…</span> : null}
                {p === page ? (
                  <span aria-current="page" className="rounded-md bg-indigo-600 px-3 py-1.5 font-semibold text-white">
                    {p}
                  </span>
                ) : (
                  <Link className={link} href={href(p)} aria-label={`Page ${p}`}>
                    {p}
                  </Link>
                )}
              </span>
            ))
          : null}
        {page < pages ? (
          <Link className={link} href={href(page + 1)} rel="next">
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/** A page number from the query string: 1 when missing or not a positive integer. */
export function pageParam(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 100_000) : 1;
}
