import { createHash } from "node:crypto";
import type { Database } from "@/db/client";
import {
  copyImportIssues,
  createImportRecord,
  deleteImportRecord,
  deleteStagedRows,
  expireStagedImports,
  findCurrentImport,
  getColumnMapping,
  replaceImportIssues,
  stageRows,
  STAGED_ROWS_TTL_HOURS,
  updateImportRecord,
  type ImportRecord,
  type ImportSource,
  type StagedRow,
} from "@/db/queries/import-records";
import { loadRosterSnapshot } from "@/db/queries/roster-snapshot";
import { applyPlan } from "./apply-import";
import { withImportLock } from "./import-lock";
import { inImportSlot } from "./import-slots";
import { failStoppedImports, trackRunningImport } from "./interrupted-imports";
import { guessMapping, looksLikeHeader, mapHeaders, type ColumnMap } from "./map-headers";
import { notifyAdminsOfHold } from "./notify-held";
import { planImport } from "./plan-import";
import { emptyCounts, type ImportPlan } from "./plan-types";
import { readFile } from "./read-file";
import {
  ColumnMappingNeeded,
  FIELDS,
  ImportFileError,
  isSetKind,
  type AnyImportKind,
  type SetKind,
  type TableKind,
  type AnyField,
  type ImportIssue,
  type ImportKind,
  type RowTable,
} from "./types";
import { validateRows, validateRowsAsync, type RowSource } from "./validate-rows";
import type { ValidatedFile } from "./validated-file";
import { importResult, type ImportResult, type StagedMapping } from "./import-result";
import { detectZipSetKind, readSet, stageSet, zipSetDigest } from "./sets/read-set";
import { readZipSet } from "./sets/set-files";
import { env } from "@/lib/env";
import { loggableError } from "@/lib/errors";

// One import, top to bottom as DESIGN.md tells it:
//   1. read the bytes into rows of text cells      (read-file, no database)
//   2. map the header to fields, validate each row  (map-headers, validate-rows, no database)
//   3. plan the change against the current roster   (plan-import, pure; the roster is read first)
//   4. apply it in one transaction under the organization's import lock (apply-import)
// A manual upload stops after 3 as a preview; an import over the threshold stops as held.

export type ImportActor = { userId?: string | null; label?: string | null };

export type RunImportInput = {
  organizationId: string;
  /** A table kind, or a set kind; a table kind given with a .zip set reads the set (importKindOf). */
  kind: AnyImportKind;
  source: ImportSource;
  fileName: string;
  bytes: Uint8Array;
  actor: ImportActor;
  /** "preview" stops before applying (manual uploads, `--dry-run`); "apply" applies unless held. */
  mode: "apply" | "preview";
  /** Compare with the roster even when the file is byte-identical to the current import (benchmarks). */
  alwaysCompare?: boolean;
  /** The organization's deactivation threshold in percent. */
  thresholdPercent: number;
  /** Multi-file sets: the organization's "email domain for usernames" (SDS usernames → emails). */
  usernameEmailDomain?: string | null;
  /**
   * A column mapping chosen for this file (field → header); overrides the saved one. With
   * `askForMapping`, unmatched required columns throw ColumnMappingNeeded and no import is
   * recorded, so the uploader can choose the columns and send the file again.
   */
  columnMapping?: Record<string, string> | null;
  askForMapping?: boolean;
  /** Called as the import moves on, so an upload can show progress on a large file. */
  onProgress?: (progress: ImportProgress) => void;
};

/** Where an import is: reading (with the share of the file read), planning, saving or applying. */
export type ImportProgress = { phase: "waiting" | "reading" | "planning" | "saving" | "applying"; fraction?: number };

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

export async function runImport(db: Database, input: RunImportInput): Promise<ImportResult> {
  await expireStagedImports(db);
  await failStoppedImports(db);
  // Registered and heartbeating from before its record exists until it has left "processing".
  const running = trackRunningImport(db, input.organizationId);
  try {
    return await inImportSlot(
      env.IMPORT_CONCURRENCY,
      () => runTrackedImport(db, input, running.id),
      () => input.onProgress?.({ phase: "waiting" }),
    );
  } finally {
    await running.stop();
  }
}

/**
 * The kind an import is recorded and read as: a .zip holding a OneRoster, Clever or SDS set is
 * read as that set whichever table kind was chosen (a table kind cannot read a .zip of CSVs).
 */
export function importKindOf(kind: AnyImportKind, bytes: Uint8Array): AnyImportKind {
  if (isSetKind(kind)) return kind;
  return detectZipSetKind(bytes) ?? kind;
}

async function runTrackedImport(db: Database, input: RunImportInput, importId: string): Promise<ImportResult> {
  const { organizationId } = input;
  const kind = importKindOf(input.kind, input.bytes);
  // A set's hash is of its files (names and content), so the same files zipped again match.
  const sha256 =
    (isSetKind(kind) ? zipSetDigest(input.bytes) : null) ?? createHash("sha256").update(input.bytes).digest("hex");
  const record = await createImportRecord(db, organizationId, {
    id: importId,
    source: input.source,
    kind,
    fileName: storedFileName(input.fileName),
    fileSize: input.bytes.byteLength,
    sha256,
    actorUserId: input.actor.userId ?? null,
    actorLabel: input.actor.label ?? null,
  });

  try {
    if (!input.alwaysCompare) {
      const current = await findCurrentImport(db, organizationId, kind);
      if (current && current.sha256 === sha256) return await finishIdentical(db, record, current);
    }

    // 1. Read, 2. map and validate: no database but the saved column mapping.
    const saved = isSetKind(kind) ? null : (input.columnMapping ?? (await getColumnMapping(db, organizationId, kind)));
    const stage: StagedRow[] | null = input.mode === "preview" ? [] : null;
    const progress = input.onProgress ?? (() => {});
    progress({ phase: "reading", fraction: 0 });
    const { file, issues, mapping } = isSetKind(kind)
      ? readSetAndValidate(input.bytes, kind, stage, input.usernameEmailDomain ?? null)
      : await readAndValidate(input.bytes, kind, saved, stage, input.askForMapping ?? false, (fraction) =>
          progress({ phase: "reading", fraction }),
        );
    progress({ phase: "planning" });

    if (input.mode === "preview") {
      // 3. Plan against the roster as it is now; apply re-plans under the lock when confirmed.
      // An upload over the threshold is held rather than a plain preview: the same review, the
      // same banner and notice as a held nightly import ("Apply anyway" / "Discard").
      const plan = planImport(file, await snapshotFor(db, organizationId, file), input);
      const status = plan.heldReason && input.source === "upload" ? "held" : "preview";
      progress({ phase: "saving" });
      await db.transaction(async (tx) => {
        await stageRows(tx, organizationId, record.id, stage ?? []);
        await finish(tx, record, status, file, plan, [...issues, ...plan.issues], mapping);
      });
      const result = await resultOf(db, record.id, organizationId);
      if (status === "held") await notifyAdminsOfHold(db, organizationId, result);
      return result;
    }

    // 3. Plan and 4. apply, in one transaction holding the organization's import lock.
    let held = false;
    await withImportLock(db, organizationId, async (tx) => {
      const plan = planImport(file, await snapshotFor(tx, organizationId, file), input);
      const allIssues = [...issues, ...plan.issues];
      if (plan.heldReason) {
        const staged = isSetKind(kind) ? stageSet(readZipSet(input.bytes)) : stagedRowsOf(input.bytes, kind, saved);
        await stageRows(tx, organizationId, record.id, staged);
        await finish(tx, record, "held", file, plan, allIssues, mapping);
        held = true;
        return;
      }
      progress({ phase: "applying" });
      if (plan.changed) await applyPlan(tx, { organizationId, importId: record.id }, plan);
      await finish(tx, record, appliedStatus(plan, file, allIssues), file, plan, allIssues, mapping);
    });
    const result = await resultOf(db, record.id, organizationId);
    if (held) await notifyAdminsOfHold(db, organizationId, result);
    return result;
  } catch (error) {
    if (error instanceof ColumnMappingNeeded) {
      await deleteImportRecord(db, organizationId, record.id);
      throw error;
    }
    return await recordFailure(db, record, error);
  }
}

/** Steps 1 and 2 for a multi-file set (lib/import/sets); a preview stages the set's files. */
function readSetAndValidate(
  bytes: Uint8Array,
  kind: SetKind,
  stage: StagedRow[] | null,
  usernameEmailDomain: string | null,
) {
  const { file, issues, files } = readSet(kind, bytes, { usernameEmailDomain });
  stage?.push(...stageSet(files));
  return { file, issues, mapping: { headers: [], headerWidth: null } satisfies StagedMapping };
}

/**
 * Steps 1 and 2: the validated file, its issues, and how staged rows map back to fields. The
 * decoded text is dropped on return, before the plan needs its memory.
 */
async function readAndValidate(
  bytes: Uint8Array,
  kind: TableKind,
  saved: Record<string, string> | null,
  stage: StagedRow[] | null,
  askForMapping: boolean,
  onProgress: (fraction: number) => void,
) {
  const { table, map, mapIssues } = readAndMap(bytes, kind, saved, askForMapping);
  const file = await validateRowsAsync(rowSource(table, map, stage), onProgress);
  if (file.rowCount === 0) {
    throw new ImportFileError(
      "no_data_rows",
      `${where(table)}The file has a header row but no data rows, so nothing was imported.`,
    );
  }
  return { file, issues: [...mapIssues, ...file.issues], mapping: stagedMapping(table, map) };
}

/** Reads the file and maps its header; a spreadsheet's messages name its sheet. */
export function readAndMap(
  bytes: Uint8Array,
  kind: TableKind,
  saved: Record<string, string> | null,
  askForMapping = false,
) {
  const table = readFile(bytes, { isHeader: (cells) => looksLikeHeader(cells, kind) });
  try {
    const { map, issues } = mapHeaders(table.header, kind, saved, { headerRow: table.headerRow });
    return { table, map, mapIssues: issues };
  } catch (error) {
    if (
      askForMapping &&
      error instanceof ImportFileError &&
      (error.code === "missing_column" || error.code === "duplicate_column")
    ) {
      throw new ColumnMappingNeeded(
        error.code,
        `${where(table)}${error.message}`,
        table.header,
        firstRows(table, 3),
        guessMapping(table.header, kind, saved),
        table.sheetName ?? null,
      );
    }
    if (error instanceof ImportFileError && table.sheetName) {
      throw new ImportFileError(error.code, `${where(table)}${error.message}`, {
        ...error.details,
        sheet: table.sheetName,
      });
    }
    throw error;
  }
}

/** The first `count` data rows (for the column mapping step), without reading the rest. */
function firstRows(table: RowTable, count: number): string[][] {
  const rows: string[][] = [];
  const enough = new Error("enough rows");
  try {
    table.eachRow((cells) => {
      rows.push(cells);
      if (rows.length >= count) throw enough;
    });
  } catch (error) {
    if (error !== enough) return rows; // a problem further down is the import's to report
  }
  return rows;
}

const where = (table: RowTable) => (table.sheetName ? `Sheet "${table.sheetName}": ` : "");

function fieldsOf(kind: TableKind): AnyField[] {
  return [...FIELDS[kind].required, ...FIELDS[kind].optional];
}

/** The rows of a file for validation; when `stage` is given, each row's mapped cells are kept. */
function rowSource(table: RowTable, map: ColumnMap, stage: StagedRow[] | null) {
  const headerWidth = table.format === "csv" ? table.header.length : null;
  const columns = map.columns as Partial<Record<AnyField, number>>;
  const fields = fieldsOf(map.kind as TableKind);
  const keep = (onRow: (cells: string[], row: number) => void) =>
    stage
      ? (cells: string[], row: number) => {
          stage.push([
            row,
            cells.length,
            ...fields.map((field) => (columns[field] === undefined ? "" : (cells[columns[field]] ?? ""))),
          ]);
          onRow(cells, row);
        }
      : onRow;
  return {
    map,
    headerWidth,
    eachRow: (onRow: (cells: string[], row: number) => void) => table.eachRow(keep(onRow)),
    eachRowAsync: (onRow: (cells: string[], row: number) => void, onProgress?: (fraction: number) => void) =>
      table.eachRowAsync(keep(onRow), onProgress),
  } satisfies RowSource;
}

function stagedRowsOf(bytes: Uint8Array, kind: TableKind, saved: Record<string, string> | null): StagedRow[] {
  const { table, map } = readAndMap(bytes, kind, saved);
  const stage: StagedRow[] = [];
  validateRows(rowSource(table, map, stage));
  return stage;
}

/** How staged rows map back to fields and headers, so a decision can re-validate them. */
function stagedMapping(table: RowTable, map: ColumnMap): StagedMapping {
  const columns = map.columns as Partial<Record<AnyField, number>>;
  return {
    headers: fieldsOf(map.kind as TableKind).map((field) =>
      columns[field] === undefined ? null : (map.headers[columns[field]] ?? null),
    ),
    headerWidth: table.format === "csv" ? table.header.length : null,
  };
}

/** Staged rows as a row source: cell i is field i of the kind. */
export function stagedRowSource(kind: TableKind, mapping: StagedMapping, rows: StagedRow[]): RowSource {
  const fields = fieldsOf(kind);
  const columns: Partial<Record<AnyField, number>> = {};
  const headers: string[] = [];
  fields.forEach((field, index) => {
    if (mapping.headers[index] !== null && mapping.headers[index] !== undefined) columns[field] = index;
    headers.push(mapping.headers[index] ?? "");
  });
  return {
    map: { kind, columns, headers } as ColumnMap,
    headerWidth: mapping.headerWidth,
    eachRow: (onRow) => {
      for (const [row, width, ...cells] of rows) onRow(cells, row, width);
    },
  };
}

export async function snapshotFor(
  db: Parameters<typeof loadRosterSnapshot>[0],
  organizationId: string,
  file: ValidatedFile,
) {
  return loadRosterSnapshot(db, organizationId, {
    kind: file.kind,
    schoolIds: [...file.schools],
    classIds: [...new Set([...file.classes.keys(), ...file.protected.classes])],
  });
}

export function appliedStatus(plan: ImportPlan, file: ValidatedFile, issues: ImportIssue[]) {
  if (issues.some((issue) => issue.severity === "error")) return "applied_with_errors" as const;
  return plan.changed || file.rowCount === 0 ? ("applied" as const) : ("unchanged" as const);
}

type Finishable = Pick<ImportRecord, "id" | "organizationId">;

export async function finish(
  db: Parameters<typeof replaceImportIssues>[0],
  record: Finishable,
  status: ImportRecord["status"],
  file: ValidatedFile,
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
async function finishIdentical(db: Database, record: ImportRecord, current: ImportRecord): Promise<ImportResult> {
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
  return resultOf(db, record.id, record.organizationId);
}

/** Records a failed import in its own statement (the import's transaction, if any, rolled back). */
export async function recordFailure(db: Database, record: Finishable, error: unknown): Promise<ImportResult> {
  const fileError = error instanceof ImportFileError;
  if (!fileError) console.error("import failed", record.id, loggableError(error));
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
  return resultOf(db, record.id, record.organizationId);
}

export const resultOf = importResult;

/** The innermost cause's message: the database's words, not the query text and its parameters. */
function rootMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
