import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { deleteStagedRows, loadStagedRows, type ImportRecord } from "@/db/queries/import-records";
import { findOrganizationById } from "@/db/queries/organizations";
import { imports, type QueuedRun } from "@/db/schema";
import type { JobHandler } from "@/lib/jobs/handlers";
import { log } from "@/lib/log";
import { applyPlan } from "./apply-import";
import { applyQueuedDecision } from "./decide-import";
import { snapshotFor } from "./current-roster";
import { withImportLock } from "./import-lock";
import { appliedStatus, finish, recordFailure } from "./import-record";
import { importResult } from "./import-result";
import { notifyAdminsOfHold } from "./notify-held";
import { planImport } from "./plan-import";
import { nextQueuedImport, wakeImportQueue } from "./queue-import";
import { stagedRowSource } from "./staged-rows";
import { fromFiles, unstageSet } from "./sets/read-set";
import { ImportFileError, isSetKind, type ImportIssue } from "./types";
import { validateRows } from "./validate-rows";
import { noRowReadError } from "./wrong-kind";
import type { Executor } from "@/db/client";

// An import through the job queue, the worker's half: the organization's next queued import is
// validated from its staged rows, planned against the roster as it is now, and applied under the
// organization's import lock in one transaction (or stopped at a preview, or held). A worker that
// dies mid-import rolls that transaction back; its job expires and is retried once from the same
// staged rows (the import is then still "processing"); a job that fails twice goes to
// `import-failed`, which marks the import failed. Applying re-checks, under the lock, that the
// import is still "processing", so nothing is ever applied twice.

/** The `import` queue's job: runs the organization's next import, then wakes the queue for the one after. */
export const runImportJob: JobHandler<"import"> = async ({ organizationId }, job) => {
  const { db } = job;
  try {
    const record = await nextQueuedImport(db, organizationId);
    if (!record?.queuedRun) return;
    if (record.status === "queued") {
      const [claimed] = await db
        .update(imports)
        .set({ status: "processing", heartbeatAt: new Date() })
        .where(and(eq(imports.organizationId, organizationId), eq(imports.id, record.id), eq(imports.status, "queued")))
        .returning({ id: imports.id });
      if (!claimed) return;
    } else {
      log.warn("import retried after its worker stopped", { importId: record.id, retryCount: job.retryCount });
    }
    await runQueuedImport(db, record, record.queuedRun);
  } finally {
    await wakeImportQueue(db, organizationId, { exceptJobId: job.jobId, startAfterSeconds: 1 });
  }
};

export const STOPPED_TWICE_MESSAGE =
  "The import stopped twice while it ran (the server running it stopped), so nothing was changed. Import the file again.";

/** The `import-failed` queue's job: an import job failed twice; its import is marked failed. */
export const failImportJob: JobHandler<"import-failed"> = async ({ organizationId }, { db }) => {
  const stopped = await db
    .select()
    .from(imports)
    .where(
      and(eq(imports.organizationId, organizationId), eq(imports.status, "processing"), sql`queued_run is not null`),
    );
  for (const record of stopped) {
    log.warn("import failed after its retry", { importId: record.id });
    await recordFailure(db, record, new ImportFileError("interrupted", STOPPED_TWICE_MESSAGE));
  }
  await wakeImportQueue(db, organizationId);
};

async function runQueuedImport(db: Database, record: ImportRecord, run: QueuedRun): Promise<void> {
  const { organizationId, id: importId } = record;
  try {
    const organization = await findOrganizationById(db, organizationId);
    if (!organization) return;
    const thresholdPercent = run.mode === "apply" ? organization.deactivationThresholdPercent : 100;
    const validated = async (tx: Executor) => {
      const staged = await loadStagedRows(tx, organizationId, importId);
      if (isSetKind(record.kind)) {
        const set = fromFiles(record.kind, unstageSet(staged), {
          usernameEmailDomain: organization.usernameEmailDomain ?? null,
        });
        return { file: set.file, issues: set.issues };
      }
      const file = validateRows(stagedRowSource(record.kind, run.mapping, staged));
      const noRowRead = run.header ? noRowReadError(run.header, file, run.where ?? "") : null;
      if (noRowRead) throw noRowRead;
      return { file, issues: [...run.headerIssues, ...file.issues] as ImportIssue[] };
    };

    if (run.mode === "preview") {
      const { file, issues } = await validated(db);
      const plan = planImport(file, await snapshotFor(db, organizationId, file), {
        thresholdPercent: organization.deactivationThresholdPercent,
      });
      const status = plan.heldReason && record.source === "upload" ? "held" : "preview";
      await db.transaction((tx) => finish(tx, record, status, file, plan, [...issues, ...plan.issues], run.mapping));
      if (status === "held")
        await notifyAdminsOfHold(db, organizationId, await importResult(db, importId, organizationId));
      return;
    }

    const held = await withImportLock(db, organizationId, async (tx) => {
      // A retried job whose first run did finish: nothing is applied twice.
      const [current] = rowsOf<{ status: string }>(
        await tx.execute(
          sql`select status from imports where organization_id = ${organizationId} and id = ${importId} for update`,
        ),
      );
      if (current?.status !== "processing") return false;
      if (run.mode === "decision") {
        await applyQueuedDecision(tx, record, run);
        return false;
      }
      const { file, issues } = await validated(tx);
      const plan = planImport(file, await snapshotFor(tx, organizationId, file), { thresholdPercent });
      const allIssues = [...issues, ...plan.issues];
      if (plan.heldReason) {
        await finish(tx, record, "held", file, plan, allIssues, run.mapping);
        return true;
      }
      if (plan.changed) await applyPlan(tx, { organizationId, importId }, plan);
      await finish(tx, record, appliedStatus(plan, file, allIssues), file, plan, allIssues, run.mapping);
      await deleteStagedRows(tx, organizationId, importId);
      return false;
    });
    if (held) await notifyAdminsOfHold(db, organizationId, await importResult(db, importId, organizationId));
  } catch (error) {
    await recordFailure(db, record, error);
  }
}
