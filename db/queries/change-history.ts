import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import type { AnyImportKind } from "@/db/schema/imports";

// Which imports made a roster record what it is. Every roster row keeps the import that created
// it and the one that last changed it (created_by_import_id / updated_by_import_id); a record's
// history is those imports for the record itself and for its enrollments or teaching
// assignments, newest import first. Earlier intermediate changes are not kept (see
// docs/decisions.md "Roster browsing").

export type ChangeKind = "created" | "changed" | "added" | "re-added" | "ended";

/** What a change concerned: the record itself, or one of its classes, students or teachers. */
export type ChangeTarget = "record" | "class" | "student" | "teacher";

/** One thing an import did: `subject` is the class id, student id or teacher email it concerned. */
export type Change = { kind: ChangeKind; target: ChangeTarget; subject: string | null };

export type HistoryEntry = {
  importId: string;
  at: Date;
  source: string;
  kind: AnyImportKind;
  fileName: string;
  status: string;
  changes: Change[];
};

/**
 * A select of `(import_id, change, subject)` rows over a table of roster links aliased `l`:
 * `added` by its creating import, and `re-added`/`ended` by the import that last changed it.
 */
export function linkChanges(target: Exclude<ChangeTarget, "record">, from: SQL, subject: SQL): SQL {
  return sql`
    select l.created_by_import_id as import_id, 'added' as change, ${target} as target, ${subject} as subject ${from}
    union all
    select l.updated_by_import_id, case when l.active then 're-added' else 'ended' end, ${target}, ${subject} ${from}
      and l.updated_by_import_id is distinct from l.created_by_import_id`;
}

/** `created` and `changed` rows of one roster record, aliased `r` in `from`. */
export function recordChanges(from: SQL): SQL {
  return sql`
    select r.created_by_import_id as import_id, 'created' as change, 'record' as target, null as subject ${from}
    union all
    select r.updated_by_import_id, 'changed', 'record', null ${from} and r.updated_by_import_id is distinct from r.created_by_import_id`;
}

/** The imports behind these changes, newest first, each with what it did. */
export async function changeHistory(db: Executor, organizationId: string, changes: SQL[]): Promise<HistoryEntry[]> {
  const rows = rowsOf<{
    importId: string;
    at: Date | string;
    source: string;
    kind: AnyImportKind;
    fileName: string;
    status: string;
    change: ChangeKind;
    target: ChangeTarget;
    subject: string | null;
  }>(
    await db.execute(sql`
      select i.id as "importId", i.created_at as at, i.source, i.kind, i.file_name as "fileName", i.status,
        x.change, x.target, x.subject
      from (${sql.join(changes, sql` union all `)}) x
      join imports i on i.id = x.import_id and i.organization_id = ${organizationId}
      order by i.created_at desc, i.id, x.target <> 'record', x.target, x.change, x.subject collate "C"`),
  );
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    let entry = entries.at(-1);
    if (entry?.importId !== row.importId) {
      const { change: _change, target: _target, subject: _subject, at, ...record } = row;
      entry = { ...record, at: new Date(at), changes: [] };
      entries.push(entry);
    }
    entry.changes.push({ kind: row.change, target: row.target, subject: row.subject });
  }
  return entries;
}
