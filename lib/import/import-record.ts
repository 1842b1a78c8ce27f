import type { Database } from "@/db/client";
import {
  copyImportIssues,
  deleteStagedRows,
  replaceImportIssues,
  STAGED_ROWS_TTL_HOURS,
  updateImportRecord,
  type ImportRecord,
} from "@/db/queries/import-records";
import { log } from "@/lib/log";
import { importResult, type ImportResult, type StagedMapping } from "./import-result";
import { emptyCounts, type ImportPlan } from "./plan-types";
import { ImportFileError, type ImportIssue } from "./types";
import type { ValidatedFile } from "./validated-file";

// The import's record: how an import (or an admin's decision on one) ends up written down —
// its status, counts, issues and plan summary — and how a failure is recorded.

/**
 * The file name as recorded: a label only (the file itself is never stored, so the name never
 * becomes a path). Control characters are dropped (NUL cannot be stored), and so are the bidi
 * embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069), with which
 * "roster\u202Eslx.exe" would show as "rosterexe.xls"; it is cut to 255 characters. Pages render
 * it as text, so markup in it stays text.
 */
export function storedFileName(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  return Array.from(clean).slice(0, 255).join("") || "file";
}

export function appliedStatus(plan: ImportPlan, file: Pick<ValidatedFile, "rowCount">, issues: ImportIssue[]) {
  if (issues.some((issue) => issue.severity === "error")) return "applied_with_errors" as const;
  return plan.changed || file.rowCount === 0 ? ("applied" as const) : ("unchanged" as const);
}

type Finishable = Pick<ImportRecord, "id" | "organizationId">;

/** Writes the outcome of a read, planned (and maybe applied) import onto its record. */
export async function finish(
  db: Parameters<typeof replaceImportIssues>[0],
  record: Finishable,
  status: ImportRecord["status"],
  file: Pick<ValidatedFile, "rowCount">,
  plan: ImportPlan,
  issues: ImportIssue[],
  mapping: StagedMapping,
) {
  const pending = status === "preview" || status === "held";
  await replaceImportIssues(db, record.organizationId, record.id, issues);
  await updateImportRecord(db, record.organizationId, record.id, {
    status,
    rowCount: file.rowCount,
    errorCount: issues.filter((issue) => issue.severity === "error").length,
    warningCount: issues.filter((issue) => issue.severity === "warning").length,
    counts: plan.counts,
    planSummary: { samples: plan.samples, unchanged: plan.unchanged, mapping },
    heldReason: plan.heldReason,
    stagedRowsExpireAt: pending ? new Date(Date.now() + STAGED_ROWS_TTL_HOURS * 3_600_000) : null,
    finishedAt: new Date(),
  });
}

/** A byte-identical file: nothing is read; the issues of the import it repeats still stand. */
export async function finishIdentical(
  db: Database,
  record: ImportRecord,
  current: ImportRecord,
): Promise<ImportResult> {
  await copyImportIssues(db, record.organizationId, current.id, record.id);
  await updateImportRecord(db, record.organizationId, record.id, {
    status: "unchanged",
    rowCount: current.rowCount,
    errorCount: current.errorCount,
    warningCount: current.warningCount,
    counts: emptyCounts(),
    planSummary: { identicalTo: current.id },
    finishedAt: new Date(),
  });
  return importResult(db, record.id, record.organizationId);
}

/** Records a failed import in its own statement (the import's transaction, if any, rolled back). */
export async function recordFailure(db: Database, record: Finishable, error: unknown): Promise<ImportResult> {
  const fileError = error instanceof ImportFileError;
  if (!fileError) log.error("import failed", { importId: record.id, error });
  const message = fileError
    ? error.message
    : `The import failed unexpectedly and nothing was changed (${rootMessage(error)}). Try again; if it keeps failing, contact support with import id ${record.id}.`;
  const issue: ImportIssue = {
    file: fileError ? (error.details.file ?? null) : null,
    row: fileError ? (error.details.row ?? null) : null,
    column: fileError ? (error.details.column ?? null) : null,
    severity: "error",
    code: fileError ? error.code : "internal_error",
    message,
  };
  await replaceImportIssues(db, record.organizationId, record.id, [issue]);
  await deleteStagedRows(db, record.organizationId, record.id);
  await updateImportRecord(db, record.organizationId, record.id, {
    status: "failed",
    errorCount: 1,
    warningCount: 0,
    counts: emptyCounts(),
    failureMessage: message,
    heldReason: null,
    stagedRowsExpireAt: null,
    finishedAt: new Date(),
  });
  return importResult(db, record.id, record.organizationId);
}

/** The innermost cause's message: the database's words, not the query text and its parameters. */
function rootMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
