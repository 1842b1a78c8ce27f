import type { Executor } from "@/db/client";
import { getImportRecord, listImportIssues, type ImportRecord } from "@/db/queries/import-records";
import { CHANGE_TYPES, ENTITY_TYPES, type ImportCounts } from "./plan-types";
import type { AnyImportKind, ImportIssue } from "./types";

/** How staged rows map back to the kind's fields: header per field (null when absent). */
export type StagedMapping = { headers: Array<string | null>; headerWidth: number | null };

/** An import as the CLI (`--json`), the push API and the pages report it. */
export type ImportResult = {
  id: string;
  status: ImportRecord["status"];
  kind: AnyImportKind;
  fileName: string;
  rows: number;
  heldReason?: string;
  counts: ImportCounts;
  issues: ImportIssue[];
};

export async function importResult(db: Executor, importId: string, organizationId: string): Promise<ImportResult> {
  const record = await getImportRecord(db, organizationId, importId);
  if (!record) throw new Error(`import ${importId} not found`);
  const issues = await listImportIssues(db, organizationId, importId);
  return {
    id: record.id,
    status: record.status,
    kind: record.kind,
    fileName: record.fileName,
    rows: record.rowCount,
    ...(record.heldReason ? { heldReason: record.heldReason } : {}),
    counts: orderedCounts(record.counts),
    issues,
  };
}

/** Counts in the documented order (jsonb does not keep key order), zeros where missing. */
function orderedCounts(stored: Partial<Record<string, Partial<Record<string, number>>>> | null): ImportCounts {
  return Object.fromEntries(
    ENTITY_TYPES.map((type) => [
      type,
      Object.fromEntries(CHANGE_TYPES.map((change) => [change, stored?.[type]?.[change] ?? 0])),
    ]),
  ) as ImportCounts;
}
