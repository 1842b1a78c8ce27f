/** The header row of a data table: column names, optionally right-aligned (numbers). */
export function TableHead({ columns }: { columns: Array<string | { label: string; align: "right" }> }) {
  return (
    <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
      <tr>
        {columns.map((column, index) =>
          typeof column === "string" ? (
            <th key={index} className="px-3 py-2">
              {column}
            </th>
          ) : (
            <th key={index} className="px-3 py-2 text-right">
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
