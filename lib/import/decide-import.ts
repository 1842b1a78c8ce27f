import { sql } from "drizzle-orm";
import { rowsOf, type Database, type Executor } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import {
  deleteStagedRows,
  discardPendingImportRecord,
  expireStagedImports,
  getImportRecord,
  importDecider,
  loadStagedRows,
  updateImportRecord,
  type ImportRecord,
} from "@/db/queries/import-records";
import { findOrganizationById } from "@/db/queries/organizations";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { applyPlan } from "./apply-import";
import { snapshotFor } from "./current-roster";
import { withImportLock } from "./import-lock";
import { appliedStatus, finish, recordFailure } from "./import-record";
import { importResult, type ImportResult, type StagedMapping } from "./import-result";
import { inImportSlot } from "./import-slots";
import { planImport } from "./plan-import";
import { fileFromStaged } from "./staged-file";

// An admin's decision on a preview or a held import. Applying re-validates the staged rows and
// re-plans them under the organization's lock against the roster as it is now (it may have
// changed since the preview), then applies without the threshold check: the admin reviewed it.
// Apply and Discard both decide under that lock and only from "preview" or "held", so when two
// admins decide at once, one wins and the other is told who decided first and when.

export type DecisionActor = { userId?: string | null; label?: string | null };

const isPending = (status: string | undefined) => status === "preview" || status === "held";

async function pendingImport(db: Database, organizationId: string, importId: string): Promise<ImportRecord> {
  await expireStagedImports(db);
  const record = await getImportRecord(db, organizationId, importId);
  if (!record) throw new UserFacingError(`No import ${importId} in this organization.`, "import_not_found");
  if (!isPending(record.status)) throw await notPending(db, record);
  return record;
}

/** Why an import can no longer be decided: who decided it and when, or what else became of it. */
async function notPending(db: Executor, record: ImportRecord): Promise<UserFacingError> {
  // An admin's (or the CLI's) decision; not a preview that expired or an apply that failed.
  const decided = record.decidedAt && record.status !== "failed" && !record.failureMessage;
  if (decided) {
    const verb = record.status === "discarded" ? "discarded" : "applied";
    const who = await importDecider(db, record.organizationId, record.id);
    const organization = await findOrganizationById(db, record.organizationId);
    const when = formatDateTime(record.decidedAt, organization?.timeZone ?? "UTC");
    return new UserFacingError(
      `This import was already ${verb}${who ? ` by ${who}` : ""} at ${when}.`,
      "import_already_decided",
    );
  }
  const why = record.status === "discarded" && record.failureMessage ? ` (${record.failureMessage})` : "";
  return new UserFacingError(
    `Import ${record.id} is ${record.status.replaceAll("_", " ")}${why}; only a preview or a held import can be applied or discarded.`,
    "import_not_pending",
  );
}

/** After losing the race for a decision: the error that names the decision that won. */
async function lostTo(db: Database, organizationId: string, importId: string): Promise<never> {
  const record = await getImportRecord(db, organizationId, importId);
  if (!record) throw new UserFacingError(`No import ${importId} in this organization.`, "import_not_found");
  throw await notPending(db, record);
}

export async function applyPendingImport(
  db: Database,
  organizationId: string,
  importId: string,
  actor: DecisionActor,
): Promise<ImportResult> {
  const record = await pendingImport(db, organizationId, importId);
  let decided = false;
  try {
    await inImportSlot(env.IMPORT_CONCURRENCY, () =>
      withImportLock(db, organizationId, async (tx) => {
        // Another admin may have decided while we waited for the lock.
        const [current] = rowsOf<{ status: string }>(
          await tx.execute(
            sql`select status from imports where organization_id = ${organizationId} and id = ${importId} for update`,
          ),
        );
        if (!isPending(current?.status)) return;
        decided = true;
        const mapping = (record.planSummary as { mapping?: StagedMapping } | null)?.mapping;
        const staged = await loadStagedRows(tx, organizationId, importId);
        if (!mapping || staged.length === 0)
          throw new UserFacingError(
            `Import ${importId} has no parsed rows left to apply; import the file again.`,
            "import_expired",
          );
        const file = await fileFromStaged(tx, record, mapping, staged);
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
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    return recordFailure(db, record, error);
  }
  if (!decided) return lostTo(db, organizationId, importId);
  return importResult(db, importId, organizationId);
}

export async function discardPendingImport(
  db: Database,
  organizationId: string,
  importId: string,
  actor: DecisionActor,
): Promise<ImportResult> {
  const record = await pendingImport(db, organizationId, importId);
  const discarded = await withImportLock(db, organizationId, async (tx) => {
    if (!(await discardPendingImportRecord(tx, organizationId, importId, actor.userId ?? null))) return false;
    await auditDecision(tx, organizationId, importId, actor, "import.discard", { previousStatus: record.status });
    return true;
  });
  if (!discarded) return lostTo(db, organizationId, importId);
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
