import type { ImportRecord } from "@/db/queries/import-records";
import { changesLine } from "@/lib/import/count-sentences";
import type { ImportCounts } from "@/lib/import/plan-types";

/** Statuses whose counts describe a change that never happened (and never will). */
export const notApplied = (status: ImportRecord["status"]) => status === "discarded" || status === "failed";

/**
 * The list's one-line summary of an import. A preview or held import would make its change; a
 * discarded or failed one changed nothing, and says what it would have changed, labelled so.
 */
export function CountsSummary({
  counts,
  status,
}: {
  counts: Partial<ImportCounts> | null;
  status: ImportRecord["status"];
}) {
  if (!counts) return <span className="text-slate-400">—</span>;
  const line = changesLine(counts);
  if (notApplied(status)) {
    return (
      <span className="text-slate-500">
        No change{line ? <span className="text-slate-400"> · would have been: {line}</span> : null}
      </span>
    );
  }
  if (status === "preview" || status === "held")
    return <span className="text-slate-700">{line ? `Would change: ${line}` : "no changes"}</span>;
  return <span className="text-slate-700">{line || "no changes"}</span>;
}
