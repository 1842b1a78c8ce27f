import type { Database, Transaction } from "@/db/client";
import { lockOrganizationImports } from "@/db/queries/import-records";
import { inOrganizationTurn } from "./organization-turns";

/**
 * One transaction holding the organization's import lock: plan and apply (or a decision) see
 * the roster as the previous import left it. Imports of the organization in this process wait
 * for their turn first, so only one of them holds a pooled connection while it waits for the lock.
 */
export function withImportLock<T>(
  db: Database,
  organizationId: string,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return inOrganizationTurn(organizationId, () =>
    db.transaction(async (tx) => {
      await lockOrganizationImports(tx, organizationId);
      return work(tx);
    }),
  );
}
