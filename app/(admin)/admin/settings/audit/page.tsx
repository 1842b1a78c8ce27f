import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { countAuditEntries, listAuditActors, listAuditEntries } from "@/db/queries/audit";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination, pageParam } from "@/components/pagination";
import { TableHead } from "@/components/table-head";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { AUDIT_CATEGORIES, auditActionLabel, auditDetailsText, auditTargetLabel } from "@/lib/privacy/audit-actions";
import { auditFilters, parseAuditParams } from "@/lib/privacy/audit-filters";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;
const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organization } = await requireAdmin();
  const query = await searchParams;
  const params = parseAuditParams(query);
  const filters = auditFilters(params, organization.timeZone);
  const page = pageParam(query.page);
  const db = await getDb();
  const [entries, total, actors] = await Promise.all([
    listAuditEntries(db, organization.id, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    countAuditEntries(db, organization.id, filters),
    listAuditActors(db, organization.id),
  ]);
  const filtered = Object.keys(params).length > 0;
  const csvQuery = new URLSearchParams(params as Record<string, string>).toString();

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader
          title="Audit log"
          description="Who did what in RosterSync: import decisions, downloads, invitations, sign-ins, role and setting changes, deletion requests. It names people by their account, never by roster data."
        />
        <a
          href={`/admin/settings/audit/export${csvQuery ? `?${csvQuery}` : ""}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Download CSV
        </a>
      </div>
      <p className="mb-4 text-sm">
        <TextLink href="/admin/settings/privacy">Data &amp; privacy</TextLink> sets how long entries are kept.
      </p>

      <form className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">What</span>
          <select name="category" defaultValue={params.category ?? ""} className={input}>
            <option value="">Everything</option>
            {Object.entries(AUDIT_CATEGORIES).map(([value, category]) => (
              <option key={value} value={value}>
                {category.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Who</span>
          <select name="who" defaultValue={params.who ?? ""} className={input}>
            <option value="">Anyone</option>
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.email}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">From</span>
          <input type="date" name="from" defaultValue={params.from} className={input} />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">To</span>
          <input type="date" name="to" defaultValue={params.to} className={input} />
        </label>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Filter
        </button>
        {filtered ? (
          <TextLink href="/admin/settings/audit" className="text-sm">
            Clear filters
          </TextLink>
        ) : null}
      </form>

      {entries.length === 0 ? (
        <EmptyState title={filtered ? "No entries match these filters" : "Nothing recorded yet"} />
      ) : (
        <div
          role="region"
          aria-label="Audit log"
          tabIndex={0}
          className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
            <TableHead columns={["When", "Who", "What", "On", "Details"]} />
            <tbody className="divide-y divide-slate-100">
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-row">
                  <td className="whitespace-nowrap px-3 py-2">
                    {formatDateTime(entry.createdAt, organization.timeZone)}
                  </td>
                  <td className="px-3 py-2">{entry.actor ?? "A removed user"}</td>
                  <td className="px-3 py-2">{auditActionLabel(entry.action)}</td>
                  <td className="px-3 py-2">
                    {entry.targetType === "import" && entry.targetId ? (
                      <Link className="text-indigo-700 underline" href={`/admin/imports/${entry.targetId}`}>
                        Import
                      </Link>
                    ) : (
                      auditTargetLabel(entry.targetType)
                    )}
                  </td>
                  <td className="px-3 py-2 text-slate-600">{auditDetailsText(entry.details)}</td>
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
        basePath="/admin/settings/audit"
        params={params as Record<string, string>}
        label="entries"
      />
    </>
  );
}
