import { expect } from "vitest";
import { getDb } from "@/db/client";
import { findOrganizationById } from "@/db/queries/organizations";
import { importResult, type ImportResult } from "@/lib/import/import-result";
import { queueImport } from "@/lib/import/queue-import";
import { runWorker, type RunningWorker } from "@/lib/jobs/run-worker";

// Tests of queued imports (uploads, the push API, the page's Apply): a worker in the test's
// process, and a wait for an import to leave "queued" and "processing".

/** A worker on the import queues; `stop()` it in afterAll / afterEach. */
export function startImportWorker(): Promise<RunningWorker> {
  return runWorker({ queues: ["import", "import-failed"] });
}

/** The import once a worker is done with it (any status but "queued" and "processing"). */
export async function settledImport(organizationId: string, importId: string, timeout = 45_000): Promise<ImportResult> {
  const db = await getDb();
  let result = await importResult(db, importId, organizationId);
  await expect
    .poll(
      async () => {
        result = await importResult(db, importId, organizationId);
        return result.status === "queued" || result.status === "processing";
      },
      { timeout, interval: 100 },
    )
    .toBe(false);
  return result;
}

/** Queues a combined file for the organization as the push API does ("apply"), with no worker running it. */
export async function queueApplyImport(organizationId: string, bytes: Uint8Array, fileName = "roster.csv") {
  const db = await getDb();
  const organization = await findOrganizationById(db, organizationId);
  return queueImport(db, {
    organizationId,
    kind: "combined",
    source: "api",
    fileName,
    bytes,
    actor: { label: "test" },
    mode: "apply",
    thresholdPercent: organization!.deactivationThresholdPercent,
  });
}
