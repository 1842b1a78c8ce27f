import type { Database } from "@/db/client";
import {
  createImportRecord,
  deleteImportRecord,
  expireStagedImports,
  findCurrentImport,
  getColumnMapping,
  stageRows,
  StagedRowBuffer,
  type ImportSource,
} from "@/db/queries/import-records";
import { applyPlan } from "./apply-import";
import { DiskFile, readWhole, type ImportBytes } from "./byte-source";
import { snapshotFor } from "./current-roster";
import { withImportLock } from "./import-lock";
import { appliedStatus, finish, finishIdentical, recordFailure, storedFileName } from "./import-record";
import { importResult, type ImportResult, type StagedMapping } from "./import-result";
import { failStoppedImports, trackRunningImport } from "./interrupted-imports";
import { notifyAdminsOfHold } from "./notify-held";
import { planImport } from "./plan-import";
import { readAndMapOffThread, where } from "./read-and-map";
import { detectFormat } from "./read-file";
import { stagedMapping, stagedRowsOf, tableRowSource } from "./staged-rows";
import { detectZipSetKind, importDigest, readSet, stageSet } from "./sets/read-set";
import { readZipSet } from "./sets/set-files";
import {
  ColumnMappingNeeded,
  ImportFileError,
  isSetKind,
  type AnyImportKind,
  type ImportIssue,
  type ImportKind,
  type SetKind,
} from "./types";
import { validateRowsAsync } from "./validate-rows";
import type { ValidatedFile } from "./validated-file";
import { noRowReadError } from "./wrong-kind";

// One import, top to bottom as docs/domain.md tells it:
//   1. read the bytes into rows of text cells      (read-and-map, no database)
//   2. map the header to fields, validate each row  (read-and-map, validate-rows, no database)
//   3. plan the change against the current roster   (plan-import, pure; the roster is read first)
//   4. apply it in one transaction under the organization's import lock (apply-import)
// A manual upload stops after 3 as a preview; an import over the threshold stops as held.
// The import's record is kept by import-record.ts; the rows of a pending import by staged-rows.ts.

export { storedFileName };

export type ImportActor = { userId?: string | null; label?: string | null };

export type RunImportInput = {
  organizationId: string;
  /** A table kind or a set kind; a table kind given a .zip set reads the set (importKindOf). */
  kind: AnyImportKind;
  source: ImportSource;
  fileName: string;
  /** The file: its bytes, or a file on disk (a large CSV is then read in pieces, never whole). */
  bytes: ImportBytes;
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
  /** Told how long each phase took (the benchmark's `--timing`); nothing else changes. */
  timing?: ImportTiming;
};

/** Where an import is: reading (with the share of the file read), planning, saving or applying. */
export type ImportProgress = { phase: "waiting" | "reading" | "planning" | "saving" | "applying"; fraction?: number };

/** A clock for the import's phases: `phase` hears each phase's milliseconds as it ends. */
export type ImportTiming = {
  phase: (name: string, ms: number) => void;
  /** Wraps the executor that loads the roster (`"snapshot"`) or applies the plan (`"apply"`). */
  executor?: <T extends object>(executor: T, phase: "snapshot" | "apply") => T;
};

export async function runImport(db: Database, input: RunImportInput): Promise<ImportResult> {
  const time = clock(input.timing);
  await time("expire staged imports", async () => {
    await expireStagedImports(db);
    await failStoppedImports(db);
  });
  // Registered and heartbeating from before its record exists until it has left "processing".
  const running = trackRunningImport(db, input.organizationId);
  try {
    return await runTrackedImport(db, input, running.id);
  } finally {
    await running.stop();
  }
}

/** The import's record, "processing", for a file about to be read (`id` chosen by the caller). */
export function createRecordOf(
  db: Database,
  input: Pick<RunImportInput, "organizationId" | "source" | "fileName" | "bytes" | "actor">,
  id: string,
  kind: AnyImportKind,
  sha256: string,
) {
  return createImportRecord(db, input.organizationId, {
    id,
    source: input.source,
    kind,
    fileName: storedFileName(input.fileName),
    fileSize: input.bytes.byteLength,
    sha256,
    actorUserId: input.actor.userId ?? null,
    actorLabel: input.actor.label ?? null,
  });
}

/**
 * The kind an import is recorded and read as: a .zip holding a OneRoster, Clever or SDS set is
 * read as that set whichever table kind was chosen (a table kind cannot read a .zip of CSVs).
 */
export function importKindOf(kind: AnyImportKind, bytes: Uint8Array): AnyImportKind {
  if (isSetKind(kind)) return kind;
  return detectZipSetKind(bytes) ?? kind;
}

/**
 * The kind an import is read as (importKindOf) and the bytes it reads: a text file on disk
 * stays there (read in pieces, hashed in slices); a spreadsheet, a .zip or a set is read whole,
 * since their readers need every byte (and their size limits keep them small).
 */
export function importSourceOf(kind: AnyImportKind, source: ImportBytes): { kind: AnyImportKind; bytes: ImportBytes } {
  const onDisk = source instanceof DiskFile && detectFormat(source.read(0, 8)) === "csv";
  if (onDisk && !isSetKind(kind)) return { kind, bytes: source };
  const bytes = readWhole(source);
  return { kind: importKindOf(kind, bytes), bytes };
}

async function runTrackedImport(db: Database, input: RunImportInput, importId: string): Promise<ImportResult> {
  const { organizationId } = input;
  const { kind, bytes } = importSourceOf(input.kind, input.bytes);
  input = { ...input, bytes };
  const time = clock(input.timing);
  // A set's hash is of its files (names and content): the same files zipped again match.
  const sha256 = await time("sha256", () => importDigest(kind, bytes));
  const record = await time("create import record", () => createRecordOf(db, input, importId, kind, sha256));

  try {
    if (!input.alwaysCompare) {
      const current = await time("find current import", () => findCurrentImport(db, organizationId, kind));
      if (current && current.sha256 === sha256)
        return await time("finish (identical)", () => finishIdentical(db, record, current));
    }

    // 1. Read, 2. map and validate: no database but the saved column mapping.
    const saved = isSetKind(kind)
      ? null
      : (input.columnMapping ?? (await time("column mapping", () => getColumnMapping(db, organizationId, kind))));
    const stage = input.mode === "preview" ? new StagedRowBuffer() : null;
    const progress = input.onProgress ?? (() => {});
    progress({ phase: "reading", fraction: 0 });
    const read: { file: ValidatedFile | null; issues: ImportIssue[]; mapping: StagedMapping } = isSetKind(kind)
      ? await time("read set + check references", () => readSetAndValidate(input, kind, stage))
      : await readAndValidate(input, kind, saved, stage, (fraction) => progress({ phase: "reading", fraction }));
    progress({ phase: "planning" });
    const { issues, mapping } = read;
    const { rowCount } = read.file!;

    if (input.mode === "preview") {
      // 3. Plan against the roster as it is now; apply re-plans under the lock when confirmed.
      // An upload over the threshold is held rather than a plain preview: the same review, the
      // same banner and notice as a held nightly import ("Apply anyway" / "Discard").
      const snapshot = await time("load roster snapshot", () => snapshotFor(db, organizationId, read.file!));
      const plan = await time("plan", () => planImport(read.file!, snapshot, input));
      const status = plan.heldReason && input.source === "upload" ? "held" : "preview";
      progress({ phase: "saving" });
      await time("finish", () =>
        db.transaction(async (tx) => {
          await stageRows(tx, organizationId, record.id, stage ?? []);
          await finish(tx, record, status, { rowCount }, plan, [...issues, ...plan.issues], mapping);
        }),
      );
      const result = await time("read result", () => importResult(db, record.id, organizationId));
      if (status === "held") await notifyAdminsOfHold(db, organizationId, result);
      return result;
    }

    // 3. Plan and 4. apply, in one transaction holding the organization's import lock. An
    // import over the threshold is held: its rows are staged after the lock is let go.
    const waited = performance.now();
    let committing = 0;
    const held = await withImportLock(db, organizationId, async (tx) => {
      input.timing?.phase("begin + lock", performance.now() - waited);
      const snapshotReader = input.timing?.executor?.(tx, "snapshot") ?? tx;
      // The file and the roster snapshot are let go once planned: the plan holds what apply
      // needs, and at a million rows their maps of links are the import's largest holders.
      const planned = async (file: ValidatedFile) => {
        const snapshot = await time("load roster snapshot", () => snapshotFor(snapshotReader, organizationId, file));
        return time("plan", () => planImport(file, snapshot, input));
      };
      const plan = await planned(read.file!);
      read.file = null;
      const allIssues = [...issues, ...plan.issues];
      if (plan.heldReason) return { plan, allIssues };
      progress({ phase: "applying" });
      const writer = input.timing?.executor?.(tx, "apply") ?? tx;
      if (plan.changed) await time("apply", () => applyPlan(writer, { organizationId, importId: record.id }, plan));
      await time("finish", () =>
        finish(tx, record, appliedStatus(plan, { rowCount }, allIssues), { rowCount }, plan, allIssues, mapping),
      );
      committing = performance.now();
      return null;
    });
    if (committing) input.timing?.phase("commit", performance.now() - committing);
    if (held) {
      // The rows were validated once, above; here they are only copied out of the file again,
      // after the lock is let go (the decoded file was not kept through the plan, for memory).
      const rows = await time("stage held rows", async () => {
        if (isSetKind(kind)) return stageSet(readZipSet(readWhole(input.bytes)));
        const { table, map } = await readAndMapOffThread(input.bytes, kind, saved);
        return stagedRowsOf(table, map);
      });
      await db.transaction(async (tx) => {
        await stageRows(tx, organizationId, record.id, rows);
        await finish(tx, record, "held", { rowCount }, held.plan, held.allIssues, mapping);
      });
    }
    const result = await time("read result", () => importResult(db, record.id, organizationId));
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

/**
 * Steps 1 and 2 for a multi-file set (lib/import/sets): its files turned into the validated
 * structure a combined file plans from; a preview stages the set's files.
 */
function readSetAndValidate(input: RunImportInput, kind: SetKind, stage: StagedRowBuffer | null) {
  const { file, issues, files } = readSet(kind, readWhole(input.bytes), {
    usernameEmailDomain: input.usernameEmailDomain ?? null,
  });
  stage?.push(...stageSet(files));
  return { file, issues, mapping: { headers: [], headerWidth: null } };
}

/**
 * Steps 1 and 2: the validated file, its issues, and how staged rows map back to fields. The
 * decoded text is dropped on return, before the plan needs its memory.
 */
async function readAndValidate(
  input: RunImportInput,
  kind: ImportKind,
  saved: Record<string, string> | null,
  stage: StagedRowBuffer | null,
  onProgress: (fraction: number) => void,
) {
  const time = clock(input.timing);
  const { table, map, mapIssues } = await time("read file + map header", () =>
    readAndMapOffThread(input.bytes, kind, saved, input.askForMapping ?? false),
  );
  const file = await time("parse + validate rows", () =>
    validateRowsAsync(tableRowSource(table, map, stage), onProgress),
  );
  if (file.rowCount === 0) {
    throw new ImportFileError(
      "no_data_rows",
      `${where(table)}The file has a header row but no data rows, so nothing was imported.`,
    );
  }
  const noRowRead = noRowReadError(table.header, file, where(table));
  if (noRowRead) throw noRowRead;
  return { file, issues: [...mapIssues, ...file.issues], mapping: stagedMapping(table, map) };
}

/** Runs a phase, telling `timing` how long it took (when there is one). */
function clock(timing: ImportTiming | undefined) {
  return async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    if (!timing) return work();
    const started = performance.now();
    try {
      return await work();
    } finally {
      timing.phase(name, performance.now() - started);
    }
  };
}
