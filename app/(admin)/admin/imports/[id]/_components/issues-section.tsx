import { Pagination } from "@/components/pagination";
import { TableHead } from "@/components/table-head";
import type { ImportIssue } from "@/lib/import/types";
import { IssueGroups } from "./issue-groups";

type Props = {
  importId: string;
  groups: Parameters<typeof IssueGroups>[0]["groups"];
  issues: ImportIssue[];
  total: number;
  page: number;
  pageSize: number;
  /** A multi-file set's issues name the file inside the set they are in. */
  hasFiles: boolean;
};

/** An import's issues (the target of "see issues"): grouped by kind, then each one, paged. */
export function IssuesSection({ importId, groups, issues, total, page, pageSize, hasFiles }: Props) {
  return (
    <section className="mb-8 scroll-mt-4" id="issues">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">Issues ({total.toLocaleString("en-US")})</h2>
        {total > 0 ? (
          <a
            href={`/admin/imports/${importId}/issues.csv`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Download issues (CSV)
          </a>
        ) : null}
      </div>
      {total === 0 ? (
        <p className="text-sm text-slate-600">No issues: every row was read as it is.</p>
      ) : (
        <>
          <IssueGroups groups={groups} />
          <div
            role="region"
            aria-label="Issues"
            tabIndex={0}
            className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
          >
            <table className="min-w-full text-sm" data-testid="issues-table">
              <TableHead columns={[...(hasFiles ? ["File"] : []), "Row", "Column", "Message", "Severity"]} />
              <tbody className="divide-y divide-slate-100">
                {issues.map((issue, index) => (
                  <tr key={index} data-testid="issue-row">
                    {hasFiles ? <td className="px-3 py-2">{issue.file ?? "—"}</td> : null}
                    <td className="px-3 py-2 tabular-nums">{issue.row ?? "file"}</td>
                    <td className="px-3 py-2">{issue.column ?? "—"}</td>
                    <td className="px-3 py-2">{issue.message}</td>
                    <td className={`px-3 py-2 ${issue.severity === "error" ? "text-red-700" : "text-amber-800"}`}>
                      {issue.severity === "error" ? "Error" : "Warning"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            pageSize={pageSize}
            total={total}
            basePath={`/admin/imports/${importId}`}
            params={{}}
            label="issues"
          />
        </>
      )}
    </section>
  );
}
