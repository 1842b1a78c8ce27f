const STYLES: Record<string, string> = {
  applied: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  applied_with_errors: "bg-amber-50 text-amber-800 ring-amber-600/20",
  unchanged: "bg-slate-50 text-slate-700 ring-slate-500/20",
  preview: "bg-sky-50 text-sky-800 ring-sky-600/20",
  held: "bg-orange-50 text-orange-800 ring-orange-600/30",
  failed: "bg-red-50 text-red-800 ring-red-600/20",
  discarded: "bg-slate-50 text-slate-500 ring-slate-400/20",
  processing: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
  queued: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
};

const LABELS: Record<string, string> = {
  applied: "Applied",
  applied_with_errors: "Applied with errors",
  unchanged: "Unchanged",
  preview: "Preview",
  held: "Held for review",
  failed: "Failed",
  discarded: "Discarded",
  processing: "Processing",
  queued: "Queued",
};

export const statusLabel = (status: string) => LABELS[status] ?? status;

/** An import's status as a coloured badge. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      data-testid="status-badge"
      className={`inline-flex items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status] ?? STYLES.unchanged}`}
    >
      {statusLabel(status)}
    </span>
  );
}
