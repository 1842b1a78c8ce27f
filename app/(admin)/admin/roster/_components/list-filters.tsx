import Link from "next/link";
import { rosterHref, type RosterParams } from "@/lib/roster/list-params";
import { FilterForm } from "./filter-form";
import { linkClass } from "@/components/text-link";
import { cn } from "@/lib/cn";

export type FilterSelect = {
  name: "school" | "term" | "teacher";
  label: string;
  options: { id: number; label: string }[];
  /** Shown instead of the menu when there are too many choices to list. */
  note?: string;
};

const label = "mb-1 block text-xs font-medium text-slate-700";
const input =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

/**
 * A list's search box, status and menus as a plain GET form: submitting puts the filters in the
 * URL (page 1), so every view can be bookmarked and works without JavaScript. "Download CSV"
 * takes the same filters.
 */
export function ListFilters({
  action,
  params,
  searchLabel,
  searchPlaceholder,
  selects = [],
  withStatus = true,
}: {
  action: string;
  params: RosterParams;
  searchLabel: string;
  searchPlaceholder: string;
  selects?: FilterSelect[];
  withStatus?: boolean;
}) {
  // Every list's CSV download sits next to it (`<list>/export`) and takes the same filters.
  const csvHref = rosterHref(`${action}/export`, params);
  const filtered = params.q !== "" || params.status !== "active" || selects.some((s) => params[s.name] !== undefined);
  return (
    <FilterForm
      action={action}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      <div className="min-w-48 flex-1">
        <label htmlFor="filter-q" className={label}>
          {searchLabel}
        </label>
        <input
          id="filter-q"
          type="search"
          name="q"
          defaultValue={params.q}
          placeholder={searchPlaceholder}
          maxLength={200}
          className={input}
        />
      </div>
      {selects.map((select) => (
        <div key={select.name} className="w-48">
          {select.note && params[select.name] === undefined ? (
            <>
              <span className={label}>{select.label}</span>
              <span className="block py-1.5 text-xs text-slate-500">{select.note}</span>
            </>
          ) : (
            <>
              <label htmlFor={`filter-${select.name}`} className={label}>
                {select.label}
              </label>
              <select
                id={`filter-${select.name}`}
                name={select.name}
                defaultValue={params[select.name] ?? ""}
                className={input}
              >
                <option value="">All</option>
                {select.options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </select>
            </>
          )}
        </div>
      ))}
      {withStatus ? (
        <div className="w-32">
          <label htmlFor="filter-status" className={label}>
            Status
          </label>
          <select id="filter-status" name="status" defaultValue={params.status} className={input}>
            <option value="active">Active</option>
            <option value="inactive">Inactive</option>
            <option value="all">All</option>
          </select>
        </div>
      ) : null}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
        >
          Apply
        </button>
        {filtered ? (
          <Link
            href={action}
            className="text-sm font-medium text-slate-600 underline underline-offset-4 hover:text-slate-900"
          >
            Clear
          </Link>
        ) : null}
      </div>
      <a href={csvHref} className={cn(linkClass, "ml-auto self-center text-sm font-medium")} download>
        Download CSV
      </a>
    </FilterForm>
  );
}
