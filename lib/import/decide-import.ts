import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import {
  deleteStagedRows,
  expireStagedImports,
  getImportRecord,
  loadStagedRows,
  updateImportRecord,
  type ImportRecord,
} from "@/db/queries/import-records";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { applyPlan } from "./apply-import";
import { snapshotFor } from "./current-roster";
import { withImportLock } from "./import-lock";
import { appliedStatus, finish, recordFailure } from "./import-record";
import { inImportSlot } from "./import-slots";
import { importResult, type ImportResult, type StagedMapping } from "./import-result";
import { planImport } from "./plan-import";
import { stagedRowSource } from "./staged-rows";
import { validateRows } from "./validate-rows";

// An admin's decision on a preview or a held import. Applying re-validates the staged rows and
// re-plans them under the organization's lock against the roster as it is now (it may have
// changed since the preview), then applies without the threshold check: the admin reviewed it.

export type DecisionActor = { userId?: string | null; label?: string | null };

async function pendingImport(db: Database, organizationId: string, importId: string): Promise<ImportRecord> {
  await expireStagedImports(db);
  const record = await getImportRecord(db, organizationId, importId);
  if (!record) throw new UserFacingError(`No import ${importId} in this organization.`, "import_not_found");
  if (record.status !== "preview" && record.status !== "held") {
    const why = record.status === "discarded" && record.failureMessage ? ` (${record.failureMessage})` : "";
    throw new UserFacingError(
      `Import ${importId} is ${record.status.replaceAll("_", " ")}${why}; only a preview or a held import can be applied or discarded.`,
      "import_not_pending",
    );
  }
  return record;
}

export async function applyPendingImport(
  db: Database,
  organizationId: string,
  importId: string,
  actor: DecisionActor,
): Promise<ImportResult> {
  const record = await pendingImport(db, organizationId, importId);
  try {
    let decided = false;
    await inImportSlot(env.IMPORT_CONCURRENCY, () =>
      withImportLock(db, organizationId, async (tx) => {
        // Another admin may have decided while we waited for the lock.
        const [current] = rowsOf<{ status: string }>(
          await tx.execute(
            sql`select status from imports where organization_id = ${organizationId} and id = ${importId} for update`,
          ),
        );
        if (current?.status !== "preview" && current?.status !== "held") return;
        decided = true;
        const mapping = (record.planSummary as { mapping?: StagedMapping } | null)?.mapping;
        const staged = await loadStagedRows(tx, organizationId, importId);
        if (!mapping || staged.length === 0)
          throw new UserFacingError(
            `Import ${importId} has no parsed rows left to apply; import the file again.`,
            "import_expired",
          );
        const file = validateRows(stagedRowSource(record.kind, mapping, staged));
        const plan = planImport(file, await snapshotFor(tx, organizationId, file), { thresholdPercent: 100 });
        plan.heldReason = null;
        if (plan.changed) await applyPlan(tx, { organizationId, importId }, plan);
        const issues = [...file.issues, ...plan.issues];
        await finish(tx, record, appliedStatus(plan, file, issues), file, plan, issues, mapping);
        await updateImportRecord(tx, organizationId, importId, {
          decidedByUserId: actor.userId ?? null,
          decidedAt: new Date(),
        });
        await deleteStagedRows(tx, organizationId, importId);
        await auditDecision(tx, organizationId, importId, actor, "import.apply", {
          previousStatus: record.status,
          counts: plan.counts,
        });
      }),
    );
    if (!decided)
      return pendingImport(db, organizationId, importId).then(() => importResult(db, importId, organizationId));
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    return recordFailure(db, record, error);
  }
  return importResult(db, importId, organizationId);
}

export async function discardPendingImport(
  db: Database,
  organizationId: string,
  importId: string,
  actor: DecisionActor,
): Promise<ImportResult> {
  const record = await pendingImport(db, organizationId, importId);
  await db.transaction(async (tx) => {
    await updateImportRecord(tx, organizationId, importId, {
      status: "discarded",
      decidedByUserId: actor.userId ?? null,
      decidedAt: new Date(),
      stagedRowsExpireAt: null,
    });
    await deleteStagedRows(tx, organizationId, importId);
    await auditDecision(tx, organizationId, importId, actor, "import.discard", { previousStatus: record.status });
  });
  return importResult(db, importId, organizationId);
}

function auditDecision(
  tx: Parameters<typeof recordAudit>[0],
  organizationId: string,
  importId: string,
  actor: DecisionActor,
  action: "import.apply" | "import.discard",
  details: Record<string, unknown>,
) {
  return recordAudit(tx, organizationId, {
    actorUserId: actor.userId ?? null,
    actorLabel: actor.label ?? null,
    action,
    targetType: "import",
    targetId: importId,
    details,
  });
}
