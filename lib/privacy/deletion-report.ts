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

const LABELS: Record<string, string> = {
  students: "Student record",
  staff: "Staff record",
  enrollments: "Class enrollments",
  teaching_assignments: "Classes taught",
  student_schools: "School links",
  staff_schools: "School links",
  schools: "Schools",
  terms: "Terms",
  classes: "Classes",
  school_counts: "Counts per school",
  imports: "Imports",
  "imports (change samples)": "Examples of changes in import history",
  import_issues: "Import issues",
  "import_staged_rows (rows)": "Rows of imports awaiting review",
  import_staged_rows: "Imports awaiting review (stored rows)",
  column_mappings: "Saved column mappings",
  invitations: "Invitations",
  memberships: "Access to the organization",
  users: "Sign-in account",
  accounts: "Linked sign-in providers",
  sessions: "Signed-in sessions",
  verification_tokens: "Unused sign-in links",
  email_outbox: "Stored emails",
  rate_limits: "Sending limits counters",
  "audit_log (details)": "Audit entries (details naming them removed)",
  "audit_log (targets)": "Audit entries (now point to an anonymous reference)",
  audit_log: "Audit entries",
  api_tokens: "API tokens",
  nightly_sources: "Nightly sources",
  organizations: "Organization",
};

/** A table's count as an admin reads it ("Class enrollments"). */
export function removedLabel(table: string): string {
  return LABELS[table] ?? table.replaceAll("_", " ");
}
