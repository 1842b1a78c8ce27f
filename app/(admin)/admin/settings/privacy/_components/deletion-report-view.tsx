import { removedLabel } from "@/lib/privacy/deletion-report";
import type { ReportView } from "../actions";

/** What was removed, per table, when and by whom: shown once after a forget or a deletion. */
export function DeletionReportView({ report, timeZone }: { report: ReportView; timeZone: string }) {
  const rows = Object.entries(report.removed).sort(([a], [b]) => a.localeCompare(b));
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(report.at),
  );
  return (
    <div
      role="status"
      className="mt-4 rounded-md border border-green-300 bg-green-50 p-4 text-sm text-green-900"
      data-testid="deletion-report"
    >
      <p className="font-semibold">
        {report.what === "organization"
          ? `Deleted the organization “${report.subject}”`
          : `Forgot ${report.what === "student" ? "student" : "staff member"} ${report.subject}`}{" "}
        on {when} (by {report.by}).
      </p>
      <table className="mt-2 text-left">
        <thead>
          <tr>
            <th className="pr-6 font-medium">Where</th>
            <th className="font-medium">Removed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([table, n]) => (
            <tr key={table}>
              <td className="pr-6">{removedLabel(table)}</td>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.notes.map((note) => (
        <p key={note} className="mt-2">
          {note}
        </p>
      ))}
      <p className="mt-2">Save or print this page if you need a record: the report itself is not kept.</p>
    </div>
  );
}
