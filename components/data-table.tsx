// A plain, responsive table: the header row from `columns`, the body from children (<tr> rows
// of <Cell>s). On a narrow screen the table scrolls inside its card, never the page; the card is a
// named region a keyboard can focus, so it can scroll it too (WCAG 2.1.1). `relative` keeps a
// visually hidden (absolutely placed) label in a cell inside the card rather than widening the page.

export function DataTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: readonly string[];
  children: React.ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="whitespace-nowrap px-4 py-2.5">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, className = "" }: { children?: React.ReactNode; className?: string }) {
  return <td className={`px-4 py-2.5 align-top text-slate-800 ${className}`}>{children}</td>;
}
