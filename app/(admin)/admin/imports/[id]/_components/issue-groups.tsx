type IssueGroup = { code: string; severity: string; count: number; message: string; firstRows: Array<number | null> };

/** The issues grouped by kind: what happened in words first, the code (for support) after. */
export function IssueGroups({ groups }: { groups: IssueGroup[] }) {
  return (
    <ul className="mb-4 space-y-2 text-sm" data-testid="issue-groups">
      {groups.map((group) => {
        const rows = group.firstRows.filter((row) => row !== null);
        return (
          <li
            key={`${group.severity}-${group.code}`}
            className="rounded-md border border-slate-200 bg-white p-3"
            data-testid="issue-group"
          >
            <p className="text-slate-900" data-testid="issue-group-message">
              {group.message}
            </p>
            <p className="mt-1 text-xs text-slate-600">
              <span className={`font-semibold ${group.severity === "error" ? "text-red-700" : "text-amber-800"}`}>
                {group.severity === "error" ? "Error" : "Warning"}
              </span>{" "}
              × {group.count.toLocaleString("en-US")}
              {rows.length > 0 ? ` — rows ${rows.join(", ")}${group.count > group.firstRows.length ? ", …" : ""}` : ""}
              {" · "}code <code>{group.code}</code>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
