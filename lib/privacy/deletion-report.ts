// What a forget or an organization deletion removed: shown in Settings, printed by the CLI. It
// names the person only by what the admin typed (the report is not stored; the audit log keeps a
// one-way reference instead).

export type DeletionReport = {
  what: "student" | "staff" | "organization";
  /** What the admin or operator typed: a student id, a staff email, an organization slug. */
  subject: string;
  /** Rows removed (or, for samples and staged rows, entries taken out) per table; zeros left out. */
  removed: Record<string, number>;
  at: Date;
  by: string;
  notes: string[];
};

export const REIMPORT_NOTE =
  "If a later file (an upload or a nightly import) names this person again, they are imported as a new person.";

/** Adds n to a table's count (nothing for 0). */
export function tally(removed: Record<string, number>, table: string, n: number): void {
  if (n > 0) removed[table] = (removed[table] ?? 0) + n;
}

export function totalRemoved(report: DeletionReport): number {
  return Object.values(report.removed).reduce((sum, n) => sum + n, 0);
}

/** The report as lines for a terminal. */
export function reportLines(report: DeletionReport): string[] {
  const heading =
    report.what === "organization"
      ? `Deleted organization ${report.subject}`
      : `Forgot ${report.what === "student" ? "student" : "staff member"} ${report.subject}`;
  const tables = Object.entries(report.removed).sort(([a], [b]) => a.localeCompare(b));
  return [
    `${heading} (${report.at.toISOString()}, by ${report.by}).`,
    ...(tables.length === 0 ? ["  nothing was stored"] : tables.map(([table, n]) => `  ${table}: ${n}`)),
    ...report.notes,
  ];
}

/** The report as JSON for --json. */
export function reportJson(report: DeletionReport): Record<string, unknown> {
  return { ...report, at: report.at.toISOString(), total: totalRemoved(report) };
}
