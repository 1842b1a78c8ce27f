import { randomUUID } from "node:crypto";
import { getDriver, type Database, type Executor } from "@/db/client";
import { failInterruptedImports, touchImportHeartbeat } from "@/db/queries/import-records";
import { env } from "@/lib/env";
import { startHeartbeat } from "./heartbeat";
import { log } from "@/lib/log";

// Which "processing" imports are still running, and which were interrupted (docs/decisions.md
// "Interrupted imports"):
// - this process keeps the ids of the imports it runs (`runningHere`): never interrupted;
// - each running import touches `heartbeat_at` every IMPORT_HEARTBEAT_SECONDS (default 10);
// - on PostgreSQL (several servers may share it) an import whose heartbeat is older than
//   IMPORT_STALE_AFTER_SECONDS (default 60) is interrupted;
// - on embedded PGlite (one data dir, opened by one process) every "processing" import that this
//   process is not running is interrupted, at once: its process is gone.

const globalForImports = globalThis as unknown as { __rostersyncRunningImports?: Set<string> };
/** On globalThis: Next.js may load this module more than once in one server process. */
const running = (globalForImports.__rostersyncRunningImports ??= new Set<string>());

export const heartbeatIntervalMs = () => env.IMPORT_HEARTBEAT_SECONDS * 1_000;
export const staleAfterMs = () => env.IMPORT_STALE_AFTER_SECONDS * 1_000;

/**
 * An import this process starts: its id, chosen here and registered before the record is
 * written (so no check can ever see the record unregistered), and its heartbeat. `stop` it in a
 * `finally`. A beat before the record exists, or after it has left "processing", touches nothing.
 */
export function trackRunningImport(db: Database, organizationId: string): { id: string; stop: () => Promise<void> } {
  const id = randomUUID();
  running.add(id);
  const heartbeat = startHeartbeat(
    () => touchImportHeartbeat(db, organizationId, id),
    heartbeatIntervalMs(),
    (error) => log.error("import heartbeat failed", { importId: id, error }),
  );
  return {
    id,
    async stop() {
      try {
        await heartbeat.stop();
      } finally {
        running.delete(id);
      }
    },
  };
}

export const runningImportIds = (): string[] => [...running];

/**
 * Marks interrupted imports failed: one organization's (page loads: a viewer never writes
 * another organization's rows) or every organization's (server start, each import, the cron
 * pass). Cheap: a partial index holds only the "processing" imports.
 */
export async function failStoppedImports(
  db: Executor,
  scope: { organizationId?: string; now?: Date } = {},
): Promise<number> {
  const now = scope.now ?? new Date();
  const embedded = (await getDriver()) === "pglite";
  return failInterruptedImports(db, {
    organizationId: scope.organizationId,
    heartbeatBefore: embedded ? null : new Date(now.getTime() - staleAfterMs()),
    runningHere: runningImportIds(),
    now,
  });
}
