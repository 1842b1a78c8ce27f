import { sql } from "drizzle-orm";
import { CHANGE_TABLES } from "@/db/queries/import-changes";
import { rowsOf, type Database, type Executor } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import {
  createImportRecord,
  getImportRecord,
  updateImportRecord,
  type ImportRecord,
} from "@/db/queries/import-records";
import {
  findLaterOverlaps,
  listUndoChunks,
  undoChunk,
  undoChunkSpans,
  type UndoOverlap,
} from "@/db/queries/import-undo";
import { isUuid } from "@/db/queries/ids";
import { deleteSessionsOfStaff } from "@/db/queries/memberships";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { withImportLock } from "./import-lock";
import { importResult, type ImportResult } from "./import-result";
import { inImportSlot } from "./import-slots";
import { emptyCounts, type EntityType, type ImportCounts } from "./plan-types";

// Undo of an applied import: puts every row it created, changed, deactivated or ended back as it
// was before it, from the undo data its writes recorded (db/queries/import-undo.ts). The undo is
// an import record itself (source "undo", `undoesImportId`; the undone one gets
// `undoneByImportId`), written under the organization's import lock, and can be undone in turn
// (a redo). Invitations and memberships are left alone.
//
// Order: the latest applied import can always be undone. An older one only when no import
// recorded after it (and still standing) wrote the same rows, or rows under rows it created;
// otherwise the undo is refused with those rows and imports listed (never a partial restore).
// An import undone later and whose undo still stands cancels out and does not count.

export type UndoActor = { userId?: string | null; label?: string | null };

export type UndoConflict = {
  importId: string;
  fileName: string;
  source: ImportRecord["source"];
  finishedAt: Date | null;
  rows: string[];
};

export type UndoPreview = {
  target: ImportRecord;
  /** Why it cannot be undone at all (not applied, already undone, nothing recorded); else null. */
  blocked: string | null;
  /** What the undo will change. */
  counts: ImportCounts;
  /** Later imports that wrote the same rows, newest first. */
  conflicts: UndoConflict[];
  /** Every import to undo first (conflicts, and theirs), newest first. */
  undoFirst: string[];
};

const UNDOABLE = new Set<ImportRecord["status"]>(["applied", "applied_with_errors"]);

async function targetOf(db: Executor, organizationId: string, importId: string): Promise<ImportRecord> {
  const record = isUuid(importId) ? await getImportRecord(db, organizationId, importId) : null;
  if (!record) throw new UserFacingError(`No import ${importId} in this organization.`, "import_not_found");
  return record;
}

async function blockedReason(db: Executor, record: ImportRecord): Promise<string | null> {
  if (record.undoneByImportId) return "This import has already been undone.";
  if (!UNDOABLE.has(record.status))
    return `This import is ${record.status.replaceAll("_", " ")}: only an applied import changed the roster and can be undone.`;
  const chunks = await listUndoChunks(db, record.organizationId, record.id);
  if (chunks.length === 0) {
    const changed = Object.values(record.counts ?? {}).some(
      (c) => c.created + c.updated + c.reactivated + c.deactivated > 0,
    );
    return changed
      ? "This import has no undo data (it was applied before imports recorded it, or it was removed when a person it changed was forgotten), so it cannot be undone."
      : "This import changed nothing, so there is nothing to undo.";
  }
  return null;
}

/** What undoing `importId` would change, or why it cannot be undone now. Reads only. */
export async function previewUndo(db: Executor, organizationId: string, importId: string): Promise<UndoPreview> {
  const target = await targetOf(db, organizationId, importId);
  const blocked = await blockedReason(db, target);
  if (blocked) return { target, blocked, counts: emptyCounts(), conflicts: [], undoFirst: [] };
  const conflicts = await conflictsOf(db, target);
  return {
    target,
    blocked: null,
    counts: await undoCounts(db, organizationId, importId),
    conflicts,
    undoFirst: conflicts.length > 0 ? await undoFirstOf(db, target) : [],
  };
}

/** The standing imports whose changes would be lost or broken by undoing `target`, newest first. */
async function conflictsOf(db: Executor, target: ImportRecord): Promise<UndoConflict[]> {
  const organizationId = target.organizationId;
  const overlaps = await findLaterOverlaps(db, organizationId, target.id);
  if (overlaps.length === 0) return [];
  const byImport = new Map<string, UndoOverlap[]>();
  for (const overlap of overlaps)
    byImport.set(overlap.laterImportId, [...(byImport.get(overlap.laterImportId) ?? []), overlap]);
  const spans = await undoChunkSpans(db, organizationId, [target.id]);
  const targetLast = spans.get(target.id)?.last ?? 0;

  const standing = new Map<string, { record: ImportRecord; rows: string[] }>();
  for (const [laterId, rows] of byImport) {
    const chain = await chainOf(db, organizationId, laterId);
    const root = chain[0]!;
    const leaf = chain[chain.length - 1]!;
    const rootFirst = (await undoChunkSpans(db, organizationId, [root.id])).get(root.id)?.first ?? 0;
    // Applied after the target and undone (an odd number of undos after it): it cancels out.
    if (rootFirst > targetLast && chain.length % 2 === 0) continue;
    const entry = standing.get(leaf.id) ?? { record: leaf, rows: [] };
    entry.rows.push(...rows.map((row) => row.label));
    standing.set(leaf.id, entry);
  }
  const order = await undoChunkSpans(db, organizationId, [...standing.keys()]);
  return [...standing.values()]
    .sort((a, b) => (order.get(b.record.id)?.last ?? 0) - (order.get(a.record.id)?.last ?? 0))
    .map(({ record, rows }) => ({
      importId: record.id,
      fileName: record.fileName,
      source: record.source,
      finishedAt: record.finishedAt,
      rows: [...new Set(rows)],
    }));
}

/** An import's undo chain: the import an undo (of an undo …) goes back to, then each undo, to the standing one. */
async function chainOf(db: Executor, organizationId: string, importId: string): Promise<ImportRecord[]> {
  let record = await targetOf(db, organizationId, importId);
  while (record.undoesImportId) {
    const earlier = await getImportRecord(db, organizationId, record.undoesImportId);
    if (!earlier) break;
    record = earlier;
  }
  const chain = [record];
  while (record.undoneByImportId) {
    const next = await getImportRecord(db, organizationId, record.undoneByImportId);
    if (!next) break;
    chain.push(next);
    record = next;
  }
  return chain;
}

/** Every import to undo before `target` (its conflicts, and theirs), newest first. */
async function undoFirstOf(db: Executor, target: ImportRecord): Promise<string[]> {
  const found = new Set<string>();
  const queue = [target];
  while (queue.length > 0) {
    const next = queue.shift()!;
    for (const conflict of await conflictsOf(db, next)) {
      if (found.has(conflict.importId)) continue;
      found.add(conflict.importId);
      queue.push(await targetOf(db, target.organizationId, conflict.importId));
    }
  }
  const order = await undoChunkSpans(db, target.organizationId, [...found]);
  return [...found].sort((a, b) => (order.get(b)?.last ?? 0) - (order.get(a)?.last ?? 0));
}

const ENTITY_OF: Record<string, EntityType | undefined> = Object.fromEntries(
  (Object.entries(CHANGE_TABLES) as Array<[EntityType, string]>).map(([entity, table]) => [table, entity]),
);

/** The undo's counts, from the target's undo data (school links are not counted, as in imports). */
async function undoCounts(db: Executor, organizationId: string, importId: string): Promise<ImportCounts> {
  const rows = rowsOf<{ table: string; change: keyof ImportCounts["schools"]; n: string | number }>(
    await db.execute(sql`
    select c."table", case c.op when 'c' then 'deactivated' when 'd' then 'created'
        else case u.prev when '{"active": false}'::jsonb then 'deactivated'
          when '{"active": true}'::jsonb then 'reactivated' else 'updated' end end as change,
      count(*) as n
    from import_undo_chunks c, unnest(c.row_ids, coalesce(c.previous, '{}')) as u(row_id, prev)
    where c.organization_id = ${organizationId} and c.import_id = ${importId}
      and not (c.op = 'u' and u.prev = '{}'::jsonb)
    group by 1, 2`),
  );
  const counts = emptyCounts();
  for (const row of rows) {
    const entity = ENTITY_OF[row.table];
    if (entity) counts[entity][row.change] += Number(row.n);
  }
  return counts;
}

/** Refused: later imports wrote the same rows. The message names them and a few rows. */
export class UndoConflictError extends UserFacingError {
  constructor(readonly conflicts: UndoConflict[]) {
    const names = conflicts.map((c) => `${c.fileName} (${c.importId})`).join(", ");
    const rows = conflicts.flatMap((c) => c.rows).slice(0, 5);
    super(
      `Later imports changed the same rows: ${names}. Undo them first (newest first). Rows: ${rows.join("; ")}${
        conflicts.flatMap((c) => c.rows).length > rows.length ? "; …" : ""
      }.`,
      "undo_conflict",
    );
  }
}

/**
 * Undoes an applied import under the organization's import lock, as a new import record (source
 * "undo"); answers that record. Throws UserFacingError when it cannot be undone (UndoConflictError
 * when later imports wrote the same rows).
 */
export async function undoImport(
  db: Database,
  organizationId: string,
  importId: string,
  actor: UndoActor,
): Promise<ImportResult> {
  await targetOf(db, organizationId, importId);
  const undoId = await inImportSlot(env.IMPORT_CONCURRENCY, () =>
    withImportLock(db, organizationId, async (tx) => {
      const target = await targetOf(tx, organizationId, importId);
      const blocked = await blockedReason(tx, target);
      if (blocked) throw new UserFacingError(blocked, "import_not_undoable");
      const conflicts = await conflictsOf(tx, target);
      if (conflicts.length > 0) throw new UndoConflictError(conflicts);

      const counts = await undoCounts(tx, organizationId, importId);
      const undo = await createImportRecord(tx, organizationId, {
        source: "undo",
        kind: target.kind,
        fileName: target.fileName,
        fileSize: 0,
        sha256: "",
        actorUserId: actor.userId ?? null,
        actorLabel: actor.label ?? null,
      });
      const stamp = { organizationId, importId: undo.id };
      const chunks = await listUndoChunks(tx, organizationId, importId);
      let missing = 0;
      for (const chunk of chunks.reverse()) missing += await undoChunk(tx, stamp, chunk);
      if (missing > 0) {
        throw new Error(`Undo: ${missing} rows of the import were no longer in the roster; nothing was changed.`);
      }
      // Access follows the roster: staff the undo deactivated are signed out at once.
      const deactivated = rowsOf<{ id: string | number }>(
        await tx.execute(sql`select id from staff where organization_id = ${organizationId}
          and updated_by_import_id = ${undo.id} and not active`),
      ).map((row) => Number(row.id));
      await deleteSessionsOfStaff(tx, organizationId, deactivated);

      await updateImportRecord(tx, organizationId, undo.id, {
        status: "applied",
        counts,
        undoesImportId: target.id,
        finishedAt: new Date(),
      });
      await updateImportRecord(tx, organizationId, target.id, { undoneByImportId: undo.id });
      await recordAudit(tx, organizationId, {
        actorUserId: actor.userId ?? null,
        actorLabel: actor.label ?? null,
        action: "import.undo",
        targetType: "import",
        targetId: target.id,
        details: { undoImportId: undo.id, counts },
      });
      return undo.id;
    }),
  );
  return importResult(db, undoId, organizationId);
}

/** Undoes the imports that stand in the way first (newest first), then `importId`. Answers the last undo. */
export async function undoImportWithLater(
  db: Database,
  organizationId: string,
  importId: string,
  actor: UndoActor,
): Promise<ImportResult> {
  const preview = await previewUndo(db, organizationId, importId);
  for (const laterId of preview.undoFirst) await undoImport(db, organizationId, laterId, actor);
  return undoImport(db, organizationId, importId, actor);
}
