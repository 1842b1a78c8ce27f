import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";

/**
 * Housekeeping, every organization's: deletes staged rows whose import no longer needs them (it
 * was applied, discarded or failed; a preview, a held or a queued import keeps its rows). Answers
 * how many imports' rows went.
 */
export async function purgeUnneededStagedRows(db: Executor): Promise<number> {
  const rows = rowsOf<{ import_id: string }>(
    await db.execute(sql`
      delete from import_staged_rows s
      using imports i
      where i.id = s.import_id and i.status not in ('preview', 'held', 'queued', 'processing')
      returning s.import_id`),
  );
  return new Set(rows.map((row) => row.import_id)).size;
}
