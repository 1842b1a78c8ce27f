import type { Metadata } from "next";
import { isSetKind } from "@/lib/import/types";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getImportRecord } from "@/db/queries/import-records";
import {
  getImportDetail,
  groupImportIssues,
  listStaffCreatedByImport,
  pageImportIssues,
  summarizeSkippedRows,
} from "@/db/queries/imports";
import { PageHeader } from "@/components/page-header";
import { pageParam } from "@/components/pagination";
import { StatusBadge } from "@/components/status-badge";
import { notApplied } from "../_components/counts-summary";
import { requireAdmin } from "@/lib/auth/guards";
import { formatBytes, formatDateTime, kindLabel } from "@/lib/format";
import { failStoppedImports } from "@/lib/import/interrupted-imports";
import { changesLine, changesSentence, destructiveSentence } from "@/lib/import/count-sentences";
import { skippedRowsSentence } from "@/lib/import/skipped-rows";
import { DecisionSummary, SkippedRowsNote } from "./_components/decision-summary";
import { IssuesSection } from "./_components/issues-section";
import { CHANGE_TYPES, ENTITY_TYPES, type ImportCounts, type ImportSamples } from "@/lib/import/plan-types";
import { importsAhead } from "@/lib/import/queue-import";
import { DecisionButtons } from "./_components/decision-buttons";
import { FollowImport } from "./_components/follow-import";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Import" };

const ISSUES_PER_PAGE = 50;
const SOURCE_LABELS: Record<string, string> = {
  upload: "Upload",
  nightly: "Nightly",
  api: "API",
  cli: "CLI",
  undo: "Undo",
};
const CHANGE_LABELS: Record<string, string> = {
  created: "New",
  updated: "Updated",
  reactivated: "Reactivated",
  deactivated: "Deactivated / ended",
};

type PlanSummary = { samples?: ImportSamples; unchanged?: Record<string, number>; identicalTo?: string };

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organization } = await requireAdmin();
  const { id } = await params;
  const query = await searchParams;
  const page = pageParam(query.page);
  const db = await getDb();
  await failStoppedImports(db, { organizationId: organization.id }); // an interrupted import shows failed
  const detail = await getImportDetail(db, organization.id, id);
  if (!detail) notFound();
  const { record } = detail;
  const [groups, issues, newStaff, undoes, undoneBy, skipped] = await Promise.all([
    groupImportIssues(db, organization.id, id),
    pageImportIssues(db, organization.id, id, { limit: ISSUES_PER_PAGE, offset: (page - 1) * ISSUES_PER_PAGE }),
    listStaffCreatedByImport(db, organization.id, id),
    record.undoesImportId ? getImportRecord(db, organization.id, record.undoesImportId) : null,
    record.undoneByImportId ? getImportRecord(db, organization.id, record.undoneByImportId) : null,
    summarizeSkippedRows(db, organization.id, id),
  ]);
  const totalIssues = groups.reduce((sum, group) => sum + group.count, 0);
  const summary = (record.planSummary ?? {}) as PlanSummary;
  const counts = record.counts as ImportCounts | null;
  const pending = record.status === "preview" || record.status === "held";
  const tz = organization.timeZone;
  // A multi-file set's issues name the file inside the set they are in.
  const hasFiles = isSetKind(record.kind);
  const applied = record.status === "applied" || record.status === "applied_with_errors";
  const undoable = applied && !undoneBy && counts !== null && changesSentence(counts) !== "nothing changed";
  const isUndo = record.source === "undo";
  const waiting = record.status === "queued" || record.status === "processing";
  const ahead = record.status === "queued" ? await importsAhead(db, record) : 0;
  const skippedSentence = skippedRowsSentence(skipped, pending);
  // A failed import's one issue is its reason, which the page states once, at the top.
  const failed = record.status === "failed";
  const showIssues = !(failed && totalIssues <= 1);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/imports" className="text-indigo-700 underline-offset-4 hover:underline">
          ← Import Details
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <PageHeader title={record.fileName} />
        <div className="mb-6">
          <StatusBadge status={record.status} />
        </div>
      </div>

      {waiting ? (
        <section
          role="status"
          data-testid="import-waiting"
          className="mb-6 rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm text-indigo-900"
        >
          <FollowImport />
          <h2 className="font-semibold">
            {record.status === "queued"
              ? `Queued — ${ahead === 0 ? "next in line" : `${ahead.toLocaleString("en-US")} ${ahead === 1 ? "import" : "imports"} ahead`}`
              : "Working on it: reading the rows and comparing them with the roster"}
          </h2>
          <p className="mt-1">
            This page updates by itself. You can close it: the import goes on, and Import Details shows it when it is
            done.
          </p>
        </section>
      ) : null}
      {record.status === "held" ? (
        <section
          role="alert"
          data-testid="held-reason"
          className="mb-6 rounded-lg border border-orange-300 bg-orange-50 p-4 text-sm text-orange-900"
        >
          <h2 className="font-semibold">Held for review: nothing was changed</h2>
          <p className="mt-1">{record.heldReason}</p>
          <p className="mt-1">
            Check the planned change below. If the file is complete, apply it anyway; if it is cut short, discard it and
            fix the export.
          </p>
        </section>
      ) : null}
      {record.status === "preview" ? (
        <section
          data-testid="preview-banner"
          className="mb-6 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-sky-900"
        >
          <h2 className="font-semibold">Preview: nothing has been applied yet</h2>
          <p className="mt-1">
            Review the changes and the issues, then apply or discard. The parsed rows are kept until{" "}
            {formatDateTime(record.stagedRowsExpireAt, tz)}.
          </p>
          {record.heldReason ? <p className="mt-1 font-medium">Above the threshold: {record.heldReason}</p> : null}
        </section>
      ) : null}
      {pending && counts ? <DecisionSummary counts={counts} skipped={skippedSentence} /> : null}
      {pending ? (
        <div className="mb-8">
          <DecisionButtons
            importId={record.id}
            held={record.status === "held"}
            takesAway={counts ? destructiveSentence(counts, summary.unchanged) : ""}
          />
        </div>
      ) : null}
      {query.done === "applied" && applied && counts ? (
        <section
          role="status"
          data-testid="applied-message"
          className="mb-6 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
        >
          <h2 className="font-semibold">Applied: {changesSentence(counts)}.</h2>
          {skippedSentence ? <SkippedRowsNote sentence={skippedSentence} /> : null}
          {undoable ? (
            <p className="mt-1">
              Not what you expected?{" "}
              <Link href={`/admin/imports/${record.id}/undo`} className="font-medium underline underline-offset-4">
                Undo
              </Link>{" "}
              puts the roster back as it was before this import.
            </p>
          ) : null}
        </section>
      ) : null}
      {query.done === "undone" && isUndo && counts ? (
        <section
          role="status"
          data-testid="undone-message"
          className="mb-6 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
        >
          <h2 className="font-semibold">
            {undoes?.source === "undo" ? "Redone" : "Undone"}: {changesSentence(counts)}.
          </h2>
          <p className="mt-1">The roster is as it was before {undoes?.fileName ?? "that import"}.</p>
        </section>
      ) : null}
      {undoneBy || undoes || undoable ? (
        <div className="mb-6 flex flex-wrap items-center gap-4 text-sm" data-testid="undo-links">
          {undoes ? (
            <span>
              {undoes.source === "undo" ? "Redoes" : "Undoes"}{" "}
              <Link href={`/admin/imports/${undoes.id}`} className="font-medium text-indigo-700 underline">
                {undoes.fileName} ({formatDateTime(undoes.finishedAt, tz)})
              </Link>
            </span>
          ) : null}
          {undoneBy ? (
            <span>
              Undone by{" "}
              <Link href={`/admin/imports/${undoneBy.id}`} className="font-medium text-indigo-700 underline">
                the undo of {formatDateTime(undoneBy.finishedAt, tz)}
              </Link>
            </span>
          ) : null}
          {undoable ? (
            <Link
              href={`/admin/imports/${record.id}/undo`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50"
            >
              {isUndo ? "Redo (undo this undo)…" : "Undo this import…"}
            </Link>
          ) : null}
        </div>
      ) : null}
      {failed ? (
        <section
          role="alert"
          data-testid="failed-reason"
          className="mb-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900"
        >
          <h2 className="font-semibold">The import failed; nothing was applied</h2>
          <p className="mt-1" data-testid="failure-message">
            {record.failureMessage}
          </p>
          <p className="mt-3 flex flex-wrap items-center gap-3">
            {record.source === "upload" || record.source === "cli" || record.source === "api" ? (
              <Link
                href="/admin/imports/new"
                className="inline-block rounded-md bg-indigo-600 px-4 py-2 font-semibold text-white shadow-sm hover:bg-indigo-500"
              >
                Choose another file
              </Link>
            ) : null}
            {showIssues ? null : (
              <a
                href={`/admin/imports/${record.id}/issues.csv`}
                className="rounded-md border border-red-200 bg-white px-3 py-1.5 font-medium text-red-900 hover:bg-red-100"
              >
                Download issues (CSV)
              </a>
            )}
          </p>
        </section>
      ) : null}

      <dl className="mb-8 grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm sm:grid-cols-3">
        <Fact label="Kind" value={kindLabel(record.kind)} />
        <Fact label="Source" value={SOURCE_LABELS[record.source] ?? record.source} />
        <Fact label="By" value={detail.actor ?? "—"} />
        <Fact label="Started" value={formatDateTime(record.createdAt, tz)} />
        <Fact label="Finished" value={formatDateTime(record.finishedAt, tz)} />
        <Fact label="Rows" value={<span data-testid="row-count">{record.rowCount.toLocaleString("en-US")}</span>} />
        {isUndo ? null : <Fact label="File size" value={formatBytes(record.fileSize)} />}
        {record.decidedAt ? (
          <Fact
            label="Decided"
            value={`${formatDateTime(record.decidedAt, tz)}${detail.decidedBy ? ` by ${detail.decidedBy}` : ""}`}
          />
        ) : null}
      </dl>
      <p className="-mt-6 mb-8 text-xs text-slate-500">
        The uploaded file is not stored and cannot be viewed: only its name, its size and a fingerprint that tells
        whether the same file comes again are kept.
      </p>
      {summary.identicalTo ? (
        <p className="mb-8 text-sm text-slate-700">
          This file is byte-for-byte the one already applied (
          <Link className="text-indigo-700 underline" href={`/admin/imports/${summary.identicalTo}`}>
            that import
          </Link>
          ), so nothing was read or changed.
        </p>
      ) : null}

      {counts && !(record.status === "failed" && !changesLine(counts)) ? (
        <section className="mb-8" data-testid="counts-section">
          <h2 className="mb-3 text-lg font-semibold">
            {pending ? "What would change" : notApplied(record.status) ? "What it would have changed" : "What changed"}
          </h2>
          {notApplied(record.status) ? (
            <p className="mb-3 text-sm text-slate-600">
              Nothing was changed: this import was {record.status === "failed" ? "not applied" : "discarded"}.
            </p>
          ) : null}
          <div
            role="region"
            aria-label="Counts"
            tabIndex={0}
            className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
          >
            <table className="min-w-full text-sm" data-testid="counts-table">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th className="px-3 py-2"> </th>
                  {CHANGE_TYPES.map((change) => (
                    <th key={change} className="px-3 py-2 text-right">
                      {CHANGE_LABELS[change]}
                    </th>
                  ))}
                  <th className="px-3 py-2 text-right">Unchanged</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {ENTITY_TYPES.map((type) => (
                  <tr key={type} data-testid={`counts-${type}`}>
                    <th className="px-3 py-2 text-left font-medium capitalize">{type}</th>
                    {CHANGE_TYPES.map((change) => (
                      <td
                        key={change}
                        className="px-3 py-2 text-right tabular-nums"
                        data-testid={`count-${type}-${change}`}
                      >
                        {(counts[type]?.[change] ?? 0).toLocaleString("en-US")}
                      </td>
                    ))}
                    <td className="px-3 py-2 text-right tabular-nums text-slate-500">
                      {(summary.unchanged?.[type] ?? 0).toLocaleString("en-US")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Samples importId={record.id} samples={summary.samples} counts={counts} />
        </section>
      ) : null}

      {newStaff.length > 0 ? (
        <section className="mb-8" data-testid="new-staff">
          <h2 className="mb-2 text-lg font-semibold">New staff ({newStaff.length.toLocaleString("en-US")})</h2>
          <p className="mb-3 text-sm text-slate-600">
            Staff added by an import start as not invited. They see their classes once they accept an invitation.{" "}
            <TextLink href="/admin/staff?status=needs_invitation" className="font-medium">
              Invite them
            </TextLink>
          </p>
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {newStaff.map((person) => (
              <li key={person.id}>
                {person.firstName} {person.lastName} <span className="text-slate-500">&lt;{person.email}&gt;</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {showIssues ? (
        <IssuesSection
          importId={record.id}
          groups={groups}
          issues={issues}
          total={totalIssues}
          page={page}
          pageSize={ISSUES_PER_PAGE}
          hasFiles={hasFiles}
        />
      ) : null}
    </>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-medium text-slate-900">{value}</dd>
    </div>
  );
}

function Samples({
  importId,
  samples,
  counts,
}: {
  importId: string;
  samples: ImportSamples | undefined;
  counts: ImportCounts;
}) {
  if (!samples) return null;
  const entries = ENTITY_TYPES.flatMap((type) =>
    CHANGE_TYPES.filter((change) => (samples[type]?.[change]?.length ?? 0) > 0).map((change) => ({
      type,
      change,
      items: samples[type][change],
    })),
  );
  if (entries.length === 0) return null;
  return (
    <div className="mt-4 grid gap-3 sm:grid-cols-2" data-testid="samples">
      {entries.map(({ type, change, items }) => (
        <div key={`${type}-${change}`} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
          <h3 className="font-medium capitalize">
            {type}: {CHANGE_LABELS[change]?.toLowerCase()}
          </h3>
          <ul className="mt-1 list-disc pl-5 text-slate-700">
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          {counts[type][change] > items.length ? (
            <p className="mt-1">
              <Link
                href={`/admin/imports/${importId}/changes?type=${type}&change=${change}`}
                className="font-medium text-indigo-700 underline underline-offset-4"
                data-testid="more-changes"
              >
                … and {(counts[type][change] - items.length).toLocaleString("en-US")} more
              </Link>
            </p>
          ) : null}
        </div>
      ))}
    </div>
  );
}
