import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { getDb } from "@/db/client";
import { importKind, importSource, importStatus } from "@/db/schema/imports";
import { countImports, listImports, listImportsNeedingAttention, type ImportFilters } from "@/db/queries/imports";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination, pageParam } from "@/components/pagination";
import { StatusBadge, statusLabel } from "@/components/status-badge";
import { TableHead } from "@/components/table-head";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime, kindLabel } from "@/lib/format";
import { failStoppedImports } from "@/lib/import/interrupted-imports";
import { findMissingImports } from "@/lib/sources/find-missing-imports";
import { AttentionBanner } from "./_components/attention-banner";
import { MissingNightlyBanner } from "./_components/missing-nightly-banner";
import { CountsSummary } from "./_components/counts-summary";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Import Details" };

const PAGE_SIZE = 25;
// Every status but "processing", which lasts only while an import runs.
const STATUSES = importStatus.enumValues.filter((status) => status !== "processing");
const SOURCES = importSource.enumValues;
const KINDS = importKind.enumValues;
const SOURCE_LABELS: Record<string, string> = {
  upload: "Upload",
  nightly: "Nightly",
  api: "API",
  cli: "CLI",
  undo: "Undo",
};

const filtersSchema = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  source: z.enum(SOURCES).optional().catch(undefined),
  kind: z.enum(KINDS).optional().catch(undefined),
});

export default async function ImportDetailsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organization } = await requireAdmin();
  const query = await searchParams;
  const filters: ImportFilters = filtersSchema.parse({ status: query.status, source: query.source, kind: query.kind });
  const page = pageParam(query.page);
  const db = await getDb();
  await failStoppedImports(db, { organizationId: organization.id }); // an interrupted import shows failed
  const [items, total, attention, missing] = await Promise.all([
    listImports(db, organization.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, filters }),
    countImports(db, organization.id, filters),
    listImportsNeedingAttention(db, organization.id, { failedWithinDays: 7 }),
    findMissingImports(db, organization.id),
  ]);
  const filtered = Boolean(filters.status || filters.source || filters.kind);

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader
          title="Import Details"
          description="Every import of your roster files, newest first. Uploaded files are never stored."
        />
        <Link
          href="/admin/imports/new"
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
        >
          New import
        </Link>
      </div>
      <MissingNightlyBanner items={missing} />
      <AttentionBanner items={attention} />

      <form className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter imports">
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          options={STATUSES.map((s) => [s, statusLabel(s)])}
        />
        <FilterSelect
          name="source"
          label="Source"
          value={filters.source}
          options={SOURCES.map((s) => [s, SOURCE_LABELS[s] ?? s])}
        />
        <FilterSelect name="kind" label="Kind" value={filters.kind} options={KINDS.map((k) => [k, kindLabel(k)])} />
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Filter
        </button>
        {filtered ? (
          <TextLink href="/admin/imports" className="text-sm">
            Clear filters
          </TextLink>
        ) : null}
      </form>

      {items.length === 0 ? (
        <EmptyState title={filtered ? "No imports match these filters" : "No imports yet"}>
          {filtered ? (
            <p>Clear the filters to see every import.</p>
          ) : (
            <p>
              Upload your SIS roster file with{" "}
              <Link className="font-medium text-indigo-700 underline" href="/admin/imports/new">
                New import
              </Link>
              , or have your SIS send one each night (
              <Link className="font-medium text-indigo-700 underline" href="/admin/settings">
                Settings
              </Link>
              ).
            </p>
          )}
        </EmptyState>
      ) : (
        <div
          role="region"
          aria-label="Imports"
          tabIndex={0}
          className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
          data-testid="imports-table-frame"
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="imports-table">
            {/* What an admin looks for first, on a phone too (the rest scrolls in this frame): which
                file and when, its status, what it changed. Then kind and source, who, the counts. */}
            <TableHead
              columns={[
                "File",
                "Status",
                "Changes",
                "Kind",
                "By",
                { label: "Errors", align: "right" },
                { label: "Warnings", align: "right" },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <tr
                  key={item.id}
                  data-testid="import-row"
                  className="relative cursor-pointer align-top focus-within:bg-slate-50 hover:bg-slate-50"
                >
                  <td className="max-w-56 min-w-36 px-3 py-2 [overflow-wrap:anywhere]">
                    {/* The whole row is this link: its box is stretched over the row (the row is relative). */}
                    <span className="block" data-testid="import-file">
                      <Link
                        href={`/admin/imports/${item.id}`}
                        title={item.fileName}
                        className="font-medium text-indigo-700 underline-offset-4 after:absolute after:inset-0 after:content-[''] hover:underline"
                      >
                        {item.fileName}
                      </Link>
                    </span>
                    <span className="block text-xs text-slate-600" data-testid="import-when">
                      <DateAndTime value={formatDateTime(item.createdAt, organization.timeZone)} />
                    </span>
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={item.status} />
                  </td>
                  <td className="min-w-44 px-3 py-2 text-xs" data-testid="import-changes">
                    <CountsSummary counts={item.counts} status={item.status} />
                  </td>
                  <td className="px-3 py-2">
                    {kindLabel(item.kind)}
                    <span className="block text-xs text-slate-600">{SOURCE_LABELS[item.source] ?? item.source}</span>
                  </td>
                  <td className="max-w-48 min-w-40 px-3 py-2 [overflow-wrap:anywhere]">{item.actor ?? "—"}</td>
                  <td className="px-3 py-2 text-right tabular-nums" data-testid="error-count">
                    {item.errorCount.toLocaleString("en-US")}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{item.warningCount.toLocaleString("en-US")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        basePath="/admin/imports"
        params={{ status: filters.status, source: filters.source, kind: filters.kind }}
        label="imports"
      />
    </>
  );
}

function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: Array<[string, string]>;
}) {
  return (
    <label className="text-sm text-slate-700">
      {label}{" "}
      <select
        name={name}
        defaultValue={value ?? ""}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <option value="">All</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "Dec 7, 2026, 11:19 AM CST" as date and time, each kept whole, on two lines when the column is narrow. */
function DateAndTime({ value }: { value: string }) {
  const [, date, time] = /^(.*\d{4}), (.*)$/.exec(value) ?? [value, value, ""];
  return (
    <>
      <span className="whitespace-nowrap">{date}</span> <span className="whitespace-nowrap">{time}</span>
    </>
  );
}
