import type { Database } from "@/db/client";
import { pageAppliedChanges, hasUndoData, type ChangedRecord } from "@/db/queries/import-changes";
import { getImportRecord, loadStagedRows, type ImportRecord } from "@/db/queries/import-records";
import { assignmentLabel, classLabel, enrollmentLabel, schoolLabel, staffLabel, studentLabel } from "./change-labels";
import { snapshotFor } from "./current-roster";
import type { StagedMapping } from "./import-result";
import { planImport } from "./plan-import";
import type { ChangeType, EntityType } from "./plan-types";
import { fileFromStaged } from "./staged-file";
import { foldForSearch } from "@/db/search-words";

// The full, searchable, paged list behind a sample's "… and N more". A preview or a held import
// re-plans its staged rows against the roster as it is now (what Apply would do); an applied
// import reads the records its apply wrote (its undo data) with their names as they are now.
// Discarded, failed and expired imports keep no such list: only their samples.

export type ChangeList = { available: true; total: number; items: string[] } | { available: false; reason: string };

type Options = { type: EntityType; change: ChangeType; search: string; limit: number; offset: number };

export async function listImportChanges(
  db: Database,
  organizationId: string,
  importId: string,
  options: Options,
): Promise<ChangeList | null> {
  const record = await getImportRecord(db, organizationId, importId);
  if (!record) return null;
  if (record.status === "preview" || record.status === "held") return pendingChanges(db, record, options);
  const applied = record.status === "applied" || record.status === "applied_with_errors";
  if (applied && record.source !== "undo" && (await hasUndoData(db, organizationId, importId))) {
    const { total, records } = await pageAppliedChanges(db, organizationId, importId, {
      entity: options.type,
      change: options.change,
      search: options.search.trim(),
      limit: options.limit,
      offset: options.offset,
    });
    return { available: true, total, items: records.map((r) => appliedLabel(options.type, options.change, r)) };
  }
  return { available: false, reason: unavailableReason(record) };
}

function unavailableReason(record: ImportRecord): string {
  if (record.status === "discarded" || record.status === "failed")
    return `This import was ${record.status === "failed" ? "not applied" : "discarded"}, so the list of what it would have changed was not kept; the examples on its page are what remains.`;
  if (record.source === "undo")
    return "An undo's full list is not kept; the examples on its page, and the import it undid, show what changed.";
  return "This import was applied before full lists were kept; the examples on its page are what remains.";
}

async function pendingChanges(db: Database, record: ImportRecord, options: Options): Promise<ChangeList> {
  const mapping = (record.planSummary as { mapping?: StagedMapping } | null)?.mapping;
  const staged = mapping ? await loadStagedRows(db, record.organizationId, record.id) : [];
  if (!mapping || staged.length === 0)
    return {
      available: false,
      reason: "This preview's parsed rows have expired; import the file again to see the list.",
    };
  const file = await fileFromStaged(db, record, mapping, staged);
  const snapshot = await snapshotFor(db, record.organizationId, file);
  const plan = planImport(file, snapshot, { thresholdPercent: 100, sampleSize: Number.POSITIVE_INFINITY });
  const all = plan.samples[options.type][options.change];
  const search = foldForSearch(options.search.trim());
  const matching = search ? all.filter((item) => foldForSearch(item).includes(search)) : all;
  const sorted = [...matching].sort((a, b) => a.localeCompare(b, "en"));
  return { available: true, total: sorted.length, items: sorted.slice(options.offset, options.offset + options.limit) };
}

const FIELD_NAMES: Record<string, string> = {
  first_name: "first name",
  last_name: "last name",
  email: "email",
  grade: "grade",
  staff_id: "staff id",
  title: "title",
  name: "name",
  period: "period",
  term_id: "term",
  school_id: "school",
};

/** "last name Lee → Li" per column the import changed (ids of terms and schools only as "term changed"). */
function describeUpdate(record: ChangedRecord): string {
  const previous = record.previous ?? {};
  return Object.keys(previous)
    .filter((column) => column !== "active")
    .map((column) => {
      const name = FIELD_NAMES[column] ?? column.replaceAll("_", " ");
      if (column.endsWith("_id") && column !== "staff_id") return `${name} changed`;
      const value = (v: unknown) => (v === null || v === undefined || v === "" ? "(blank)" : String(v));
      return `${name} ${value(previous[column])} → ${value(record.current?.[column])}`;
    })
    .join(", ");
}

function appliedLabel(type: EntityType, change: ChangeType, r: ChangedRecord): string {
  const student = () => studentLabel({ firstName: r.first ?? "", lastName: r.last ?? "", studentId: r.key ?? "" });
  const person = () => staffLabel({ firstName: r.first ?? "", lastName: r.last ?? "", email: r.email ?? "" });
  const klass = () => classLabel({ name: r.className ?? "", classId: r.classKey ?? "", period: r.period });
  const linkChange = change === "updated" ? "created" : change;
  let label: string;
  if (type === "students") label = student();
  else if (type === "staff") label = person();
  else if (type === "classes") label = klass();
  else if (type === "schools") label = schoolLabel(r.key ?? "", r.className);
  else if (type === "terms") label = `Term ${r.key ?? ""}`;
  else if (type === "enrollments") return enrollmentLabel(student(), klass(), linkChange);
  else return assignmentLabel(person(), klass(), linkChange);
  const changes = change === "updated" ? describeUpdate(r) : "";
  return changes ? `${label}: ${changes}` : label;
}
