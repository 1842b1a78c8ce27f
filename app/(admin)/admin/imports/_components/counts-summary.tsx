import type { ImportCounts } from "@/lib/import/plan-types";

const SHORT: Array<[keyof ImportCounts, string]> = [
  ["classes", "classes"],
  ["students", "students"],
  ["staff", "staff"],
  ["enrollments", "enrollments"],
];

/** "+12 classes · ~3 students · −2 enrollments": the list's one-line summary of an import. */
export function CountsSummary({ counts }: { counts: Partial<ImportCounts> | null }) {
  if (!counts) return <span className="text-slate-400">—</span>;
  const parts: string[] = [];
  for (const [type, label] of SHORT) {
    const c = counts[type];
    if (!c) continue;
    if (c.created) parts.push(`+${c.created.toLocaleString("en-US")} ${label}`);
    if (c.updated) parts.push(`~${c.updated.toLocaleString("en-US")} ${label}`);
    if (c.reactivated) parts.push(`↺${c.reactivated.toLocaleString("en-US")} ${label}`);
    if (c.deactivated) parts.push(`−${c.deactivated.toLocaleString("en-US")} ${label}`);
  }
  return <span className="text-slate-700">{parts.length ? parts.join(" · ") : "no changes"}</span>;
}
