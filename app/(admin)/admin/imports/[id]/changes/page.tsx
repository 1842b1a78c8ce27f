import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getImportRecord } from "@/db/queries/import-records";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination, pageParam } from "@/components/pagination";
import { requireAdmin } from "@/lib/auth/guards";
import { listImportChanges } from "@/lib/import/change-list";
import { CHANGE_TYPES, ENTITY_TYPES } from "@/lib/import/plan-types";
import { changeListTitle } from "@/lib/import/change-labels";

export const metadata: Metadata = { title: "Changes of an import" };

const PAGE_SIZE = 50;
const querySchema = z.object({
  type: z.enum(ENTITY_TYPES),
  change: z.enum(CHANGE_TYPES),
  q: z.string().max(200).optional().catch(undefined),
});

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The full list behind "… and N more" on an import's page: every record of one change, searchable, paged. */
export default async function ImportChangesPage({ params, searchParams }: Props) {
  const { organization } = await requireAdmin();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const parsed = querySchema.safeParse({ type: query.type, change: query.change, q: query.q });
  if (!parsed.success) notFound();
  const { type, change } = parsed.data;
  const search = (parsed.data.q ?? "").trim();
  const page = pageParam(query.page);
  const db = await getDb();
  const record = await getImportRecord(db, organization.id, id);
  if (!record) notFound();
  const list = await listImportChanges(db, organization.id, id, {
    type,
    change,
    search,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  if (!list) notFound();
  const pending = record.status === "preview" || record.status === "held";
  const title = changeListTitle(type, change, pending);
  const basePath = `/admin/imports/${record.id}/changes`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/admin/imports/${record.id}`} className="text-indigo-700 underline-offset-4 hover:underline">
          ← {record.fileName}
        </Link>
      </p>
      <PageHeader
        title={title}
        description={
          pending ? "What Apply would change, compared with the roster as it is now." : "As the roster names them now."
        }
      />
      {list.available ? (
        <>
          <form action={basePath} method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
            <input type="hidden" name="type" value={type} />
            <input type="hidden" name="change" value={change} />
            <label className="text-sm text-slate-700">
              Search by name, id, email or class{" "}
              <input
                type="search"
                name="q"
                defaultValue={search}
                className="ml-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              />
            </label>
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Search
            </button>
            {search ? (
              <Link href={`${basePath}?type=${type}&change=${change}`} className="text-sm text-indigo-700 underline">
                Clear search
              </Link>
            ) : null}
          </form>
          {list.items.length === 0 ? (
            <EmptyState title={search ? `Nothing matches "${search}"` : "Nothing in this list"} />
          ) : (
            <ul
              className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm"
              data-testid="change-list"
            >
              {list.items.map((item, index) => (
                <li key={`${index}-${item}`} className="px-4 py-2" data-testid="change-item">
                  {item}
                </li>
              ))}
            </ul>
          )}
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={list.total}
            basePath={basePath}
            params={{ type, change, q: search || undefined }}
            label={title.toLowerCase()}
          />
        </>
      ) : (
        <EmptyState title="The full list is not available">
          <p data-testid="change-list-unavailable">{list.reason}</p>
        </EmptyState>
      )}
    </>
  );
}
