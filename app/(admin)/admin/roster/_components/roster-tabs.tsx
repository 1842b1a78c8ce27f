import Link from "next/link";

export const rosterTabs = [
  { key: "schools", href: "/admin/roster/schools", label: "Schools" },
  { key: "classes", href: "/admin/roster/classes", label: "Classes" },
  { key: "students", href: "/admin/roster/students", label: "Students" },
  { key: "staff", href: "/admin/staff", label: "Staff" },
] as const;

export type RosterTab = (typeof rosterTabs)[number]["key"];

/** The Roster page's heading and its four tabs. */
export function RosterTabs({ current }: { current: RosterTab }) {
  return (
    <div className="mb-5">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Roster</h1>
      <nav aria-label="Roster" className="mt-4 flex gap-1 overflow-x-auto border-b border-slate-200">
        {rosterTabs.map((tab) => (
          <Link
            key={tab.key}
            href={tab.href}
            aria-current={tab.key === current ? "page" : undefined}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
              tab.key === current
                ? "border-indigo-600 text-indigo-700"
                : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
