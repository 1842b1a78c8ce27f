import type { ImportRecord } from "@/db/queries/import-records";
import type { ImportCounts } from "@/lib/import/plan-types";

const SHORT: Array<[keyof ImportCounts, string]> = [
  ["classes", "classes"],
  ["students", "students"],
  ["staff", "staff"],
  ["enrollments", "enrollments"],
];

/** "+12 classes · ~3 students · −2 enrollments"; empty when nothing counts. */
export function countsLine(counts: Partial<ImportCounts> | null): string {
  const parts: string[] = [];
  for (const [type, label] of SHORT) {
    const c = counts?.[type];
    if (!c) continue;
    if (c.created) parts.push(`+${c.created.toLocaleString("en-US")} ${label}`);
    if (c.updated) parts.push(`~${c.updated.toLocaleString("en-US")} ${label}`);
    if (c.reactivated) parts.push(`↺${c.reactivated.toLocaleString("en-US")} ${label}`);
    if (c.deactivated) parts.push(`−${c.deactivated.toLocaleString("en-US")} ${label}`);
  }
  return parts.join(" · ");
}

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
  const line = countsLine(counts);
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
