// An organization's imports take turns in this process before they open their transaction.
// The transaction then takes the organization's advisory lock (lockOrganizationImports), which
// orders imports across processes; without the turn, every waiting import would hold a pooled
// database connection while it waits for that lock, and 20 concurrent applies to a few
// organizations would take the whole pool and stall every page (seen in the load test).

const globalForTurns = globalThis as unknown as { __rostersyncImportTurns?: Map<string, Promise<void>> };
const tails = (globalForTurns.__rostersyncImportTurns ??= new Map());

/** Runs `work` after the organization's earlier work in this process has settled (ok or not). */
export async function inOrganizationTurn<T>(organizationId: string, work: () => Promise<T>): Promise<T> {
  const run = (tails.get(organizationId) ?? Promise.resolve()).then(work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(organizationId, tail);
  try {
    return await run;
  } finally {
    if (tails.get(organizationId) === tail) tails.delete(organizationId);
  }
}

/** How many organizations have work queued or running (for tests). */
export function organizationsInTurn(): number {
  return tails.size;
}
