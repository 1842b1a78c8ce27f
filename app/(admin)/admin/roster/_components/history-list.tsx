import type { Change, HistoryEntry } from "@/db/queries/change-history";
import { formatDateTime, kindLabel } from "@/lib/format";
import { TextLink } from "@/components/text-link";

const targetNouns: Record<Exclude<Change["target"], "record">, [string, string]> = {
  class: ["class", "classes"],
  student: ["student", "students"],
  teacher: ["teacher", "teachers"],
};
const verbs: Record<Change["kind"], string> = {
  created: "Created",
  changed: "Changed (or reactivated)",
  added: "Added",
  "re-added": "Added back",
  ended: "Ended",
};

/** "Added 3 students: 1001, 1002, 1003" — one line per kind of change an import made. */
function summarise(changes: Change[], recordNoun: string): string[] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = `${change.kind}|${change.target}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return [...groups.values()].map((group) => {
    const { kind, target } = group[0]!;
    if (target === "record") return `${verbs[kind]} this ${recordNoun}`;
    const [one, many] = targetNouns[target];
    const subjects = group.map((c) => c.subject ?? "?");
    const shown = subjects.slice(0, 8).join(", ") + (subjects.length > 8 ? `, and ${subjects.length - 8} more` : "");
    return `${verbs[kind]} ${group.length} ${group.length === 1 ? one : many}: ${shown}`;
  });
}

/** The imports that made the record what it is, newest first. */
export function HistoryList({
  history,
  recordNoun,
  timeZone,
}: {
  history: HistoryEntry[];
  recordNoun: string;
  timeZone: string;
}) {
  if (history.length === 0) {
    return <p className="text-sm text-slate-600">No import has changed this {recordNoun}.</p>;
  }
  return (
    <ol className="space-y-3" aria-label="Change history">
      {history.map((entry) => (
        <li key={entry.importId} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <p className="font-medium text-slate-900">
            {formatDateTime(entry.at, timeZone)} ·{" "}
            <TextLink href={`/admin/imports/${entry.importId}`}>{entry.fileName}</TextLink>
          </p>
          <p className="text-xs text-slate-500">
            {entry.source} import, {kindLabel(entry.kind)}, {entry.status.replaceAll("_", " ")}
          </p>
          <ul className="mt-1 list-disc pl-5 text-slate-700">
            {summarise(entry.changes, recordNoun).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
