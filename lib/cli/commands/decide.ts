import { getDb, migrateDatabase } from "@/db/client";
import { findImportById } from "@/db/queries/import-records";
import { UserFacingError } from "@/lib/errors";
import { applyPendingImport, discardPendingImport } from "@/lib/import/decide-import";
import { UsageError, type Command } from "../command";
import { describeImport, exitCodeFor } from "./import-output";

// `rostersync apply ID` / `rostersync discard ID`: the operator's decision on a preview or a
// held import (the same as an admin's on Import Details).

async function pendingImportId(positionals: string[]) {
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError("Give exactly one import id");
  await migrateDatabase();
  const db = await getDb();
  const record = await findImportById(db, positionals[0]);
  if (!record) throw new UserFacingError(`No import with id "${positionals[0]}"`, "import_not_found");
  return { db, record };
}

export const applyCommand: Command = {
  summary: "apply a previewed or held import",
  usage: "apply IMPORT_ID",
  options: {},
  allowPositionals: true,
  async run({ positionals, out }) {
    const { db, record } = await pendingImportId(positionals);
    const result = await applyPendingImport(db, record.organizationId, record.id, { label: "cli" });
    out.result(result, describeImport(result));
    return exitCodeFor(result.status);
  },
};

export const discardCommand: Command = {
  summary: "discard a previewed or held import",
  usage: "discard IMPORT_ID",
  options: {},
  allowPositionals: true,
  async run({ positionals, out }) {
    const { db, record } = await pendingImportId(positionals);
    const result = await discardPendingImport(db, record.organizationId, record.id, { label: "cli" });
    out.result(result, [`Import ${result.id} discarded; nothing was applied and its parsed rows were deleted.`]);
    return 0;
  },
};
