import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";

export type OnBatch<T> = (records: T[]) => Promise<void> | void;

const DEFAULT_BATCH_SIZE = 50_000;

/**
 * Runs the query through a cursor in a transaction and hands its rows over in
 * batches; answers the number of rows. Works the same on postgres.js and PGlite.
 */
export async function inBatches<T>(
  db: Executor,
  query: SQL,
  options: { batchSize?: number },
  onBatch: OnBatch<T>,
): Promise<number> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  return db.transaction(async (tx) => {
    await tx.execute(sql`declare rostersync_export no scroll cursor for ${query}`);
    let total = 0;
    for (;;) {
      const rows = rowsOf<T>(await tx.execute(sql.raw(`fetch forward ${batchSize} from rostersync_export`)));
      if (rows.length > 0) await onBatch(rows);
      total += rows.length;
      if (rows.length < batchSize) break;
    }
    await tx.execute(sql`close rostersync_export`);
    return total;
  });
}
