import { and, asc, eq, lt, sql } from "drizzle-orm";
import { JOB_SCHEMA, rowsOf, type Database, type Executor } from "@/db/client";
import {
  deleteImportRecord,
  findCurrentImport,
  getColumnMapping,
  stageRows,
  updateImportRecord,
  StagedRowBuffer,
} from "@/db/queries/import-records";
import { imports, type QueuedRun } from "@/db/schema";
import { enqueue } from "@/lib/jobs/boss";
import { finishIdentical, recordFailure } from "./import-record";
import { importResult, type ImportResult } from "./import-result";
import { trackRunningImport } from "./interrupted-imports";
import { readAndMapOffThread, where } from "./read-and-map";
import { readWhole } from "./byte-source";
import { createRecordOf, importSourceOf, type RunImportInput } from "./run-import";
import { stagedMapping, tableRowSource } from "./staged-rows";
import { importDigest, setFilesOf, stageSet } from "./sets/read-set";
import { ColumnMappingNeeded, ImportFileError, isSetKind, type ImportIssue } from "./types";

// An import through the job queue, the request's half (docs/decisions.md "Job queue"): the file
// is read and its rows staged (the bytes are never stored), the import recorded as "queued", and
// the organization's import queue woken. A worker then plans it, and applies it unless it is a
// preview or held (run-queued-import.ts). The request answers as soon as the import is queued.

export type QueueImportInput = Omit<RunImportInput, "mode" | "onProgress" | "timing"> & {
  /** "preview" stops at a preview (uploads); "apply" applies unless held (the push API). */
  mode: "preview" | "apply";
  /** Told the share of the file read while its rows are staged. */
  onProgress?: (fraction: number) => void;
};

export async function queueImport(db: Database, input: QueueImportInput): Promise<ImportResult> {
  const { organizationId } = input;
  const { kind, bytes } = importSourceOf(input.kind, input.bytes);
  input = { ...input, bytes };
  const sha256 = await importDigest(kind, bytes);
  // "processing" (and heartbeating) while this request reads the file: if its server stops, the
  // record is marked interrupted (interrupted-imports.ts); once queued, the queue looks after it.
  const running = trackRunningImport(db, organizationId);
  try {
    const record = await createRecordOf(db, input, running.id, kind, sha256);
    try {
      if (!input.alwaysCompare) {
        const current = await findCurrentImport(db, organizationId, kind);
        if (current && current.sha256 === sha256) return await finishIdentical(db, record, current);
      }
      const { rows, run } = await stage(db, input, kind);
      await db.transaction(async (tx) => {
        await stageRows(tx, organizationId, record.id, rows);
        await updateImportRecord(tx, organizationId, record.id, { status: "queued", queuedRun: run });
      });
    } catch (error) {
      if (error instanceof ColumnMappingNeeded) {
        await deleteImportRecord(db, organizationId, record.id);
        throw error;
      }
      return await recordFailure(db, record, error);
    }
  } finally {
    await running.stop();
  }
  await wakeImportQueue(db, organizationId);
  return importResult(db, running.id, organizationId);
}

/** Reads the file into staged rows: a table's mapped cells, or a set's files as they are. */
async function stage(db: Database, input: QueueImportInput, kind: ReturnType<typeof importSourceOf>["kind"]) {
  const base = { mode: input.mode, alwaysCompare: input.alwaysCompare ?? false } as const;
  if (isSetKind(kind)) {
    const run: QueuedRun = { ...base, mapping: { headers: [], headerWidth: null }, headerIssues: [] };
    return { rows: stageSet(setFilesOf(kind, readWhole(input.bytes))), run };
  }
  const saved = input.columnMapping ?? (await getColumnMapping(db, input.organizationId, kind));
  const { table, map, mapIssues } = await readAndMapOffThread(input.bytes, kind, saved, input.askForMapping ?? false);
  const rows = new StagedRowBuffer();
  await tableRowSource(table, map, rows).eachRowAsync(() => {}, input.onProgress);
  if (rows.length === 0) {
    throw new ImportFileError(
      "no_data_rows",
      `${where(table)}The file has a header row but no data rows, so nothing was imported.`,
    );
  }
  const run: QueuedRun = {
    ...base,
    mapping: stagedMapping(table, map),
    headerIssues: mapIssues as ImportIssue[],
    header: table.header,
    where: where(table),
  };
  return { rows, run };
}

/**
 * Makes sure the organization's queued imports have a job: one job per organization at a time
 * (the queue's `singleton` policy keeps a second from starting; sending none while one is
 * waiting or running keeps a waiting one from blocking other organizations' jobs behind it).
 * A job, when its import is done, wakes the queue again for the next (`exceptJobId`: itself).
 */
export async function wakeImportQueue(
  db: Executor,
  organizationId: string,
  options: { exceptJobId?: string; startAfterSeconds?: number } = {},
): Promise<string | null> {
  const [waiting] = await db
    .select({ id: imports.id })
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), eq(imports.status, "queued")))
    .limit(1);
  if (!waiting) return null;
  const others = options.exceptJobId ? sql`and id <> ${options.exceptJobId}::uuid` : sql``;
  const [busy] = rowsOf<{ id: string }>(
    await db.execute(sql`
      select id from ${sql.raw(JOB_SCHEMA)}.job
      where name = 'import' and singleton_key = ${organizationId}
        and state in ('created', 'retry', 'active') ${others}
      limit 1`),
  );
  if (busy) return null;
  return enqueue(
    "import",
    { organizationId },
    { singletonKey: organizationId, startAfter: options.startAfterSeconds ?? 0 },
  );
}

/** How many imports (of every organization) are queued ahead of this one, or running. */
export async function importsAhead(db: Executor, record: { createdAt: Date }): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(imports)
    .where(
      sql`${imports.status} = 'processing' and ${imports.queuedRun} is not null or ${imports.status} = 'queued' and ${lt(imports.createdAt, record.createdAt)}`,
    );
  return Number(row?.count ?? 0);
}

/** The organization's next import for its job: one a stopped worker left running first, then the oldest queued. */
export async function nextQueuedImport(db: Executor, organizationId: string) {
  const [record] = await db
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.organizationId, organizationId),
        sql`(${imports.status} = 'processing' and ${imports.queuedRun} is not null or ${imports.status} = 'queued')`,
      ),
    )
    .orderBy(sql`${imports.status} = 'processing' desc`, asc(imports.createdAt))
    .limit(1);
  return record ?? null;
}
