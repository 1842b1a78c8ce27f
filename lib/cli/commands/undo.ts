import { getDb, migrateDatabase } from "@/db/client";
import { UserFacingError } from "@/lib/errors";
import { requireOrganization } from "@/lib/organizations/require-organization";
import { previewUndo, undoImport, UndoConflictError, type UndoConflict } from "@/lib/import/undo-import";
import { required, UsageError, type Command } from "../command";
import { describeImport, describeCounts, exitCodeFor } from "./import-output";

// `rostersync undo IMPORT_ID --org SLUG [--dry-run] [--json]`: puts the roster back as it was
// before an applied import (as an admin's Undo on the import's page does). --dry-run shows what
// would change, or which later imports stand in the way, and changes nothing.
// Exit codes as `import`: 0 undone (or would be), 1 refused or failed, 2 bad usage.

function describeConflicts(conflicts: UndoConflict[], undoFirst: string[]): string[] {
  const lines = ["Later imports changed the same rows; undo them first, newest first:"];
  for (const conflict of conflicts) {
    lines.push(`  ${conflict.importId}  ${conflict.fileName} (${conflict.source})`);
    for (const row of conflict.rows.slice(0, 5)) lines.push(`      ${row}`);
    if (conflict.rows.length > 5) lines.push(`      … and ${conflict.rows.length - 5} more rows`);
  }
  if (undoFirst.length > conflicts.length) lines.push(`In all, in this order: ${undoFirst.join(" ")}`);
  return lines;
}

export const undoCommand: Command = {
  summary: "undo an applied import: the roster as before it (--dry-run shows what would change)",
  usage: "undo IMPORT_ID --org SLUG [--dry-run]",
  options: { org: { type: "string" }, "dry-run": { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, out }) {
    const slug = required(values, "org");
    if (positionals.length !== 1 || !positionals[0]) throw new UsageError("Give exactly one import id");
    const importId = positionals[0];
    await migrateDatabase();
    const db = await getDb();
    const organization = await requireOrganization(db, slug);
    const preview = await previewUndo(db, organization.id, importId);
    if (preview.blocked) throw new UserFacingError(preview.blocked, "import_not_undoable");
    if (values["dry-run"]) {
      const undoable = preview.conflicts.length === 0;
      out.result(
        {
          id: importId,
          dryRun: true,
          undoable,
          counts: preview.counts,
          conflicts: preview.conflicts,
          undoFirst: preview.undoFirst,
        },
        undoable
          ? [`Undo of import ${importId} would change (nothing was changed):`, ...describeCounts(preview.counts)]
          : describeConflicts(preview.conflicts, preview.undoFirst),
      );
      return undoable ? 0 : 1;
    }
    try {
      const result = await undoImport(db, organization.id, importId, { label: "cli" });
      out.result({ ...result, undoes: importId }, [`Undid import ${importId}.`, ...describeImport(result)]);
      return exitCodeFor(result.status);
    } catch (error) {
      if (!(error instanceof UndoConflictError)) throw error;
      out.result(
        {
          error: { code: error.code, message: error.message },
          conflicts: error.conflicts,
          undoFirst: preview.undoFirst,
        },
        describeConflicts(error.conflicts, preview.undoFirst),
      );
      return 1;
    }
  },
};
