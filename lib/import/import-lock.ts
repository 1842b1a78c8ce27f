import type { Database, Transaction } from "@/db/client";
import { lockOrganizationImports } from "@/db/queries/import-records";

/**
 * One transaction holding the organization's import lock: plan and apply (or a decision) see
 * the roster as the previous import left it. The import queue already runs one import of an
 * organization at a time (its `singleton` policy); this lock is the database's guarantee, for
 * the CLI, undo and a job retried while its first run still holds the lock.
 */
export function withImportLock<T>(
  db: Database,
  organizationId: string,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await lockOrganizationImports(tx, organizationId);
    return work(tx);
  });
}
