import { formatBytes } from "@/lib/format";
import { stat } from "node:fs/promises";
import path from "node:path";
import { getDb, migrateDatabase } from "@/db/client";
import { UserFacingError } from "@/lib/errors";
import { requireOrganization } from "@/lib/organizations/require-organization";
import { DiskFile } from "@/lib/import/byte-source";
import type { ImportResult } from "@/lib/import/import-result";
import { runImport } from "@/lib/import/run-import";
import { ANY_IMPORT_KINDS, DEFAULT_READ_LIMITS, type AnyImportKind } from "@/lib/import/types";
import { packFolder } from "@/lib/sources/pack-folder";
import { required, UsageError, type Command } from "../command";
import { describeImport, exitCodeFor } from "./import-output";

// `rostersync import PATH --org SLUG [--kind combined|staff|students|oneroster|clever|sds]
// [--dry-run] [--json]`: the operator's (and SIS scripts') way in. PATH is a file, a .zip or a
// folder of a multi-file set (OneRoster, Clever, SDS; detected from its file names without
// --kind). Applies unless held; --dry-run stops at a preview.

export const importCommand: Command = {
  summary: "import a roster file (applies unless held; --dry-run previews)",
  usage: "import PATH --org SLUG [--kind combined|staff|students|oneroster|clever|sds] [--dry-run]",
  options: { org: { type: "string" }, kind: { type: "string" }, "dry-run": { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, out }) {
    const slug = required(values, "org");
    const kind = (values.kind ?? "combined") as AnyImportKind;
    if (!ANY_IMPORT_KINDS.includes(kind))
      throw new UsageError(`--kind must be one of ${ANY_IMPORT_KINDS.join(", ")} (got "${String(values.kind)}")`);
    if (positionals.length !== 1 || !positionals[0]) throw new UsageError("Give exactly one FILE or folder to import");
    const filePath = positionals[0];
    const info = await stat(filePath).catch(() => null);
    if (!info?.isFile() && !info?.isDirectory()) throw new UsageError(`No file or folder at ${filePath}`);
    // Refuse absurd sizes before reading them into memory; runImport reports the limit itself.
    if (info.isFile() && info.size > DEFAULT_READ_LIMITS.maxBytes * 2) {
      throw new UserFacingError(
        `${filePath} is ${formatBytes(info.size)}; the limit is ${formatBytes(DEFAULT_READ_LIMITS.maxBytes)}.`,
        "file_too_large",
      );
    }

    await migrateDatabase();
    const db = await getDb();
    const organization = await requireOrganization(db, slug);
    const result: ImportResult = await runImport(db, {
      organizationId: organization.id,
      kind,
      source: "cli",
      fileName: path.basename(filePath),
      // A folder is packed into a .zip: the set's kind is then detected from its file names. A
      // file is read from disk as the import needs it: a large CSV a piece at a time, never whole.
      bytes: info.isDirectory() ? await packFolder(filePath) : new DiskFile(filePath, info.size),
      actor: { label: "cli" },
      mode: values["dry-run"] ? "preview" : "apply",
      thresholdPercent: organization.deactivationThresholdPercent,
      usernameEmailDomain: organization.usernameEmailDomain,
    });
    out.result(result, describeImport(result));
    return exitCodeFor(result.status);
  },
};
