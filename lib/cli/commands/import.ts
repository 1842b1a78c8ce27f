import { formatBytes } from "@/lib/format";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { getDb, migrateDatabase } from "@/db/client";
import { UserFacingError } from "@/lib/errors";
import { requireOrganization } from "@/lib/organizations/require-organization";
import type { ImportResult } from "@/lib/import/import-result";
import { runImport } from "@/lib/import/run-import";
import { DEFAULT_READ_LIMITS, IMPORT_KINDS, type ImportKind } from "@/lib/import/types";
import { required, UsageError, type Command } from "../command";
import { describeImport, exitCodeFor } from "./import-output";

// `rostersync import FILE --org SLUG [--kind combined|staff|students] [--dry-run] [--json]`:
// the operator's (and SIS scripts') way in. Applies unless held; --dry-run stops at a preview.

export const importCommand: Command = {
  summary: "import a roster file (applies unless held; --dry-run previews)",
  usage: "import FILE --org SLUG [--kind combined|staff|students] [--dry-run]",
  options: { org: { type: "string" }, kind: { type: "string" }, "dry-run": { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, out }) {
    const slug = required(values, "org");
    const kind = (values.kind ?? "combined") as ImportKind;
    if (!IMPORT_KINDS.includes(kind))
      throw new UsageError(`--kind must be one of ${IMPORT_KINDS.join(", ")} (got "${String(values.kind)}")`);
    if (positionals.length !== 1 || !positionals[0]) throw new UsageError("Give exactly one FILE to import");
    const filePath = positionals[0];
    const info = await stat(filePath).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`No file at ${filePath}`);
    // Refuse absurd sizes before reading them into memory; runImport reports the limit itself.
    if (info.size > DEFAULT_READ_LIMITS.maxBytes * 2) {
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
      bytes: await readFile(filePath),
      actor: { label: "cli" },
      mode: values["dry-run"] ? "preview" : "apply",
      thresholdPercent: organization.deactivationThresholdPercent,
    });
    out.result(result, describeImport(result));
    return exitCodeFor(result.status);
  },
};
