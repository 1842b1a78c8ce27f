import type { ImportResult } from "@/lib/import/import-result";
import { CHANGE_TYPES, ENTITY_TYPES } from "@/lib/import/plan-types";

/** Exit codes of import/apply: 0 done (or previewed), 3 held for review, 1 failed. */
export function exitCodeFor(status: ImportResult["status"]): number {
  if (status === "held") return 3;
  if (status === "failed") return 1;
  return 0;
}

const MAX_ISSUES_SHOWN = 20;

/** The counts as a table (type × change), or nothing when every count is zero. */
export function describeCounts(counts: ImportResult["counts"]): string[] {
  const rows = ENTITY_TYPES.map((type) => [type, ...CHANGE_TYPES.map((change) => String(counts[type][change]))]);
  if (!rows.some((row) => row.slice(1).some((n) => n !== "0"))) return [];
  const lines = ["", `${"".padEnd(12)}${CHANGE_TYPES.map((c) => c.padStart(12)).join("")}`];
  for (const [type, ...numbers] of rows)
    lines.push(`${(type ?? "").padEnd(12)}${numbers.map((n) => n.padStart(12)).join("")}`);
  return lines;
}

/** The human report of an import: status, counts per type, and the first issues. */
export function describeImport(result: ImportResult): string[] {
  const lines = [
    `Import ${result.id}: ${result.status.replaceAll("_", " ")} (${result.kind}, ${result.fileName}, ${result.rows} rows)`,
  ];
  if (result.heldReason)
    lines.push(
      `Held: ${result.heldReason}`,
      `Apply with: rostersync apply ${result.id}   Discard with: rostersync discard ${result.id}`,
    );
  if (result.status === "preview") lines.push(`Nothing was applied. Apply with: rostersync apply ${result.id}`);
  lines.push(...describeCounts(result.counts));
  if (result.issues.length > 0) {
    lines.push("", `${result.issues.length} ${result.issues.length === 1 ? "issue" : "issues"}:`);
    for (const issue of result.issues.slice(0, MAX_ISSUES_SHOWN)) {
      const where = [
        issue.file ?? null,
        issue.row !== null ? `row ${issue.row}` : null,
        issue.column ? `column "${issue.column}"` : null,
      ]
        .filter(Boolean)
        .join(", ");
      lines.push(`  ${issue.severity.padEnd(7)} ${where ? `${where}: ` : ""}${issue.message}`);
    }
    if (result.issues.length > MAX_ISSUES_SHOWN)
      lines.push(`  … and ${result.issues.length - MAX_ISSUES_SHOWN} more (use --json for all)`);
  }
  return lines;
}
