import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, notInArray, sql } from "drizzle-orm";
import { getDriver, rowsOf, type Executor } from "@/db/client";
import {
  columnMappings,
  importIssues,
  imports,
  importStagedRows,
  type ImportIssue,
  type AnyImportKind,
} from "@/db/schema/imports";
import { isUuid } from "@/db/queries/ids";

// The import record's life: created as "processing", finished once with its status, counts and
// issues; parsed rows staged for a preview or a hold, deleted when decided or after 24 hours.

export type ImportRecord = typeof imports.$inferSelect;
export type ImportSource = ImportRecord["source"];
export type ImportStatus = ImportRecord["status"];

export const STAGED_ROWS_TTL_HOURS = 24;

export async function createImportRecord(
  db: Executor,
  organizationId: string,
  input: {
    /** Chosen by the caller when it must know the id before the record exists (running imports). */
    id?: string;
    source: ImportSource;
    kind: AnyImportKind;
    fileName: string;
    fileSize: number;
    sha256: string;
    actorUserId?: string | null;
    actorLabel?: string | null;
  },
): Promise<ImportRecord> {
  const [record] = await db
    .insert(imports)
    .values({ organizationId, ...input, actorUserId: input.actorUserId ?? null, actorLabel: input.actorLabel ?? null })
    .returning();
  if (!record) throw new Error("import record not created");
  return record;
}

/** Only for an upload that never became an import (its columns still had to be chosen). */
export async function deleteImportRecord(db: Executor, organizationId: string, importId: string): Promise<void> {
  await db
    .delete(imports)
    .where(and(eq(imports.organizationId, organizationId), eq(imports.id, importId), eq(imports.status, "processing")));
}

export async function getImportRecord(
  db: Executor,
  organizationId: string,
  importId: string,
): Promise<ImportRecord | null> {
  if (!isUuid(importId)) return null; // an id from a URL: not one of ours, rather than a database error
  const [record] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), eq(imports.id, importId)));
  return record ?? null;
}

/** For the operator's CLI: an import by id, whichever organization it belongs to. */
export async function findImportById(db: Executor, importId: string): Promise<ImportRecord | null> {
  if (!isUuid(importId)) return null;
  const [record] = await db.select().from(imports).where(eq(imports.id, importId));
  return record ?? null;
}

export async function updateImportRecord(
  db: Executor,
  organizationId: string,
  importId: string,
  values: Partial<Omit<ImportRecord, "id" | "organizationId">>,
): Promise<void> {
  await db
    .update(imports)
    .set(values)
    .where(and(eq(imports.organizationId, organizationId), eq(imports.id, importId)));
}

/** Replaces the import's issues (a re-plan at apply time recomputes them). */
export async function replaceImportIssues(
  db: Executor,
  organizationId: string,
  importId: string,
  issues: ImportIssue[],
) {
  await db
    .delete(importIssues)
    .where(and(eq(importIssues.organizationId, organizationId), eq(importIssues.importId, importId)));
  const batch = 5_000;
  for (let from = 0; from < issues.length; from += batch) {
    const slice = issues.slice(from, from + batch);
    await db.execute(sql`insert into import_issues (organization_id, import_id, file, row, "column", severity, code, message)
      select ${organizationId}, ${importId}, f.file, f.row, f.col, f.severity::issue_severity, f.code, f.message
      from unnest(${sql.param(slice.map((i) => i.file ?? null))}::text[], ${sql.param(slice.map((i) => i.row))}::int[],
        ${sql.param(slice.map((i) => i.column))}::text[],
        ${sql.param(slice.map((i) => i.severity))}::text[], ${sql.param(slice.map((i) => i.code))}::text[],
        ${sql.param(slice.map((i) => i.message))}::text[]) as f(file, row, col, severity, code, message)`);
  }
}

/** Copies another import's issues (a byte-identical file has the same ones). */
export async function copyImportIssues(db: Executor, organizationId: string, fromImportId: string, toImportId: string) {
  await db.execute(sql`insert into import_issues (organization_id, import_id, file, row, "column", severity, code, message)
    select organization_id, ${toImportId}, file, row, "column", severity, code, message from import_issues
    where organization_id = ${organizationId} and import_id = ${fromImportId} order by id`);
}

/** The import's issues in row order, file-level ones first (the whole list, or a page of it). */
export function importIssuesInOrder(db: Executor, organizationId: string, importId: string) {
  return db
    .select({
      file: importIssues.file,
      row: importIssues.row,
      column: importIssues.column,
      severity: importIssues.severity,
      code: importIssues.code,
      message: importIssues.message,
    })
    .from(importIssues)
    .where(and(eq(importIssues.organizationId, organizationId), eq(importIssues.importId, importId)))
    .orderBy(sql`${importIssues.file} asc nulls first`, sql`${importIssues.row} asc nulls first`, asc(importIssues.id))
    .$dynamic();
}

export async function listImportIssues(db: Executor, organizationId: string, importId: string): Promise<ImportIssue[]> {
  return importIssuesInOrder(db, organizationId, importId);
}

/**
 * The import whose content the roster reflects for this kind: the newest applied (or
 * unchanged) import of the kind, provided no import of another kind has changed the roster
 * since. A byte-identical file to it is "unchanged" without being read.
 *
 * Imports answered "unchanged" by that shortcut (`identicalTo`) do not count: they are recorded
 * outside the import lock, so one can finish after another file was applied, and would then
 * pass for the current import while the roster holds the other file. The import they repeat
 * still counts, so the shortcut gives the same answer without them.
 */
export async function findCurrentImport(
  db: Executor,
  organizationId: string,
  kind: AnyImportKind,
): Promise<ImportRecord | null> {
  const [last] = await db
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.organizationId, organizationId),
        eq(imports.kind, kind),
        inArray(imports.status, ["applied", "applied_with_errors", "unchanged"]),
        sql`(${imports.planSummary} ->> 'identicalTo') is null`,
      ),
    )
    .orderBy(desc(imports.finishedAt))
    .limit(1);
  if (!last?.finishedAt) return null;
  const [since] = await db
    .select({ id: imports.id })
    .from(imports)
    .where(
      and(
        eq(imports.organizationId, organizationId),
        ne(imports.kind, kind),
        inArray(imports.status, ["applied", "applied_with_errors"]),
        gt(imports.finishedAt, last.finishedAt),
      ),
    )
    .limit(1);
  return since ? null : last;
}

export type StagedRow = [row: number, width: number, ...cells: string[]];
/**
 * Rows per staged chunk (one insert each). Embedded PGlite runs each insert in the server's own
 * thread, where 5,000 rows (~650 KB of jsonb) held every other request for 50–250 ms: 1,000 there.
 */
export const STAGE_CHUNK = { postgres: 5_000, pglite: 1_000 } as const;

/**
 * jsonb cannot hold NUL (U+0000): a cell that has one is staged with SUB (U+001A) in its place.
 * Both are control characters, so the row is rejected the same way when it is validated again
 * at apply (validate-rows "control_character").
 */
const stageable = (row: StagedRow): StagedRow =>
  row.some((cell) => typeof cell === "string" && cell.includes("\u0000"))
    ? (row.map((cell) => (typeof cell === "string" ? cell.replace(/\u0000/g, "\u001a") : cell)) as StagedRow)
    : row;

/**
 * Rows on their way to import_staged_rows, kept as JSON text a segment of 1,000 rows at a time: a
 * row held as an array of strings costs several times its text, and a preview of a million rows
 * holds them all until its plan is made. Staging joins segments into chunks of STAGE_CHUNK rows.
 */
export class StagedRowBuffer {
  static readonly SEGMENT = 1_000;
  /** Each segment's rows as JSON values joined by commas (an array without its brackets). */
  private readonly segments: Buffer[] = [];
  private open: string[] = [];
  /** Rows pushed so far. */
  length = 0;

  static of(rows: StagedRow[]): StagedRowBuffer {
    const buffer = new StagedRowBuffer();
    buffer.push(...rows);
    return buffer;
  }

  push(...rows: StagedRow[]): void {
    for (const row of rows) {
      this.open.push(JSON.stringify(stageable(row)));
      this.length += 1;
      if (this.open.length === StagedRowBuffer.SEGMENT) this.seal();
    }
  }

  /** The rows as JSON arrays of `rowsPerChunk` rows each (a multiple of SEGMENT), in order. */
  *texts(rowsPerChunk: number): Generator<string> {
    this.seal();
    const per = Math.max(1, Math.floor(rowsPerChunk / StagedRowBuffer.SEGMENT));
    for (let i = 0; i < this.segments.length; i += per)
      yield `[${this.segments
        .slice(i, i + per)
        .map((segment) => segment.toString("utf8"))
        .join(",")}]`;
  }

  private seal() {
    if (this.open.length === 0) return;
    this.segments.push(Buffer.from(this.open.join(","), "utf8"));
    this.open = [];
  }
}

export async function stageRows(
  db: Executor,
  organizationId: string,
  importId: string,
  rows: StagedRow[] | StagedRowBuffer,
) {
  const buffer = rows instanceof StagedRowBuffer ? rows : StagedRowBuffer.of(rows);
  let chunk = 0;
  for (const json of buffer.texts(STAGE_CHUNK[await getDriver()])) {
    await db.insert(importStagedRows).values({ organizationId, importId, chunk, rows: sql`${json}::jsonb` });
    chunk += 1;
  }
}

export async function loadStagedRows(db: Executor, organizationId: string, importId: string): Promise<StagedRow[]> {
  const chunks = await db
    .select({ rows: importStagedRows.rows })
    .from(importStagedRows)
    .where(and(eq(importStagedRows.organizationId, organizationId), eq(importStagedRows.importId, importId)))
    .orderBy(asc(importStagedRows.chunk));
  return chunks.flatMap((chunk) => chunk.rows as StagedRow[]);
}

export async function deleteStagedRows(db: Executor, organizationId: string, importId: string) {
  await db
    .delete(importStagedRows)
    .where(and(eq(importStagedRows.organizationId, organizationId), eq(importStagedRows.importId, importId)));
}

/**
 * Previews and holds not decided within 24 hours: their parsed rows are deleted and they are
 * marked discarded. Runs for every organization (the start of each import, and the cron route).
 */
export async function expireStagedImports(db: Executor, now = new Date()): Promise<number> {
  const expired = await db
    .update(imports)
    .set({
      status: "discarded",
      failureMessage: `Not applied within ${STAGED_ROWS_TTL_HOURS} hours; the parsed rows were deleted.`,
      decidedAt: now,
    })
    .where(and(inArray(imports.status, ["preview", "held"]), lt(imports.stagedRowsExpireAt, now)))
    .returning({ id: imports.id });
  if (expired.length > 0) {
    await db.delete(importStagedRows).where(
      inArray(
        importStagedRows.importId,
        expired.map((e) => e.id),
      ),
    );
  }
  return expired.length;
}

export const INTERRUPTED_MESSAGE =
  "The import was interrupted (the server stopped while it ran) and nothing was applied. Import the file again.";

/** Marks a running import as alive; does nothing once it has left "processing". */
export async function touchImportHeartbeat(db: Executor, organizationId: string, importId: string): Promise<void> {
  await db
    .update(imports)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(imports.organizationId, organizationId), eq(imports.id, importId), eq(imports.status, "processing")));
}

export type InterruptedImportsRule = {
  /** Only this organization's imports (a page load); every organization's when absent. */
  organizationId?: string;
  /** Interrupted when the heartbeat is older than this; null: every "processing" import is. */
  heartbeatBefore: Date | null;
  /** Imports this process is running: never interrupted, whatever their heartbeat says. */
  runningHere: readonly string[];
  now?: Date;
};

/**
 * Imports left "processing" by a server that stopped mid-import (killed, crashed, redeployed):
 * their transaction rolled back with the connection, so nothing was applied; they are marked
 * failed so Import Details tells the truth. Which imports count as stopped is the caller's rule
 * (lib/import/interrupted-imports.ts). Answers how many were marked.
 */
export async function failInterruptedImports(db: Executor, rule: InterruptedImportsRule): Promise<number> {
  const now = rule.now ?? new Date();
  const failed = await db
    .update(imports)
    .set({ status: "failed", failureMessage: INTERRUPTED_MESSAGE, errorCount: 1, warningCount: 0, finishedAt: now })
    .where(
      and(
        eq(imports.status, "processing"),
        isNull(imports.queuedRun), // a queued import's job is looked after by the job queue
        rule.organizationId ? eq(imports.organizationId, rule.organizationId) : undefined,
        rule.heartbeatBefore ? lt(imports.heartbeatAt, rule.heartbeatBefore) : undefined,
        rule.runningHere.length > 0 ? notInArray(imports.id, [...rule.runningHere]) : undefined,
      ),
    )
    .returning({ id: imports.id, organizationId: imports.organizationId });
  for (const record of failed) {
    await replaceImportIssues(db, record.organizationId, record.id, [
      { row: null, column: null, severity: "error", code: "interrupted", message: INTERRUPTED_MESSAGE },
    ]);
  }
  return failed.length;
}

export async function getColumnMapping(
  db: Executor,
  organizationId: string,
  kind: AnyImportKind,
): Promise<Record<string, string> | null> {
  const [row] = await db
    .select({ mapping: columnMappings.mapping })
    .from(columnMappings)
    .where(and(eq(columnMappings.organizationId, organizationId), eq(columnMappings.kind, kind)));
  return row?.mapping ?? null;
}

/** Saves the organization's column mapping for a kind (field → header as written). */
export async function saveColumnMapping(
  db: Executor,
  organizationId: string,
  kind: AnyImportKind,
  mapping: Record<string, string>,
  updatedByUserId: string | null,
): Promise<void> {
  await db
    .insert(columnMappings)
    .values({ organizationId, kind, mapping, updatedByUserId })
    .onConflictDoUpdate({
      target: [columnMappings.organizationId, columnMappings.kind],
      set: { mapping, updatedByUserId, updatedAt: new Date() },
    });
}

/** Waits for, then holds until the transaction ends, the organization's import lock. */
export async function lockOrganizationImports(tx: Executor, organizationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rostersync:import:${organizationId}`}))`);
}

/**
 * Discards a preview or a held import in one conditional update: false when it was no longer
 * pending (another admin applied or discarded it first). Its staged rows are deleted with it.
 */
export async function discardPendingImportRecord(
  db: Executor,
  organizationId: string,
  importId: string,
  decidedByUserId: string | null,
): Promise<boolean> {
  const discarded = await db
    .update(imports)
    .set({ status: "discarded", decidedByUserId, decidedAt: new Date(), stagedRowsExpireAt: null })
    .where(
      and(
        eq(imports.organizationId, organizationId),
        eq(imports.id, importId),
        inArray(imports.status, ["preview", "held"]),
      ),
    )
    .returning({ id: imports.id });
  if (discarded.length === 0) return false;
  await deleteStagedRows(db, organizationId, importId);
  return true;
}

/** Who decided an import: the deciding user's email, else the label of the actor the audit log names. */
export async function importDecider(db: Executor, organizationId: string, importId: string): Promise<string | null> {
  const [row] = rowsOf<{ decider: string | null }>(
    await db.execute(sql`
      select coalesce(
        (select u.email from imports i join users u on u.id = i.decided_by_user_id
          where i.organization_id = ${organizationId} and i.id = ${importId}),
        (select a.actor_label from audit_log a
          where a.organization_id = ${organizationId} and a.target_type = 'import' and a.target_id = ${importId}
            and a.action in ('import.apply', 'import.discard')
          order by a.created_at desc limit 1)
      ) as decider`),
  );
  return row?.decider ?? null;
}
