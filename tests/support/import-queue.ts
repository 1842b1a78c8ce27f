import { expect } from "vitest";
import { getDb } from "@/db/client";
import { importResult, type ImportResult } from "@/lib/import/import-result";
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
