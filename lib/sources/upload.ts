import { getDb } from "@/db/client";
import { saveColumnMapping } from "@/db/queries/import-records";
import { findOrganizationById } from "@/db/queries/organizations";
import {
  FIELD_LABELS,
  FIELDS,
  ColumnMappingNeeded,
  isSetKind,
  type AnyField,
  type AnyImportKind,
} from "@/lib/import/types";
import { detectZipSetKind } from "@/lib/import/sets/read-set";
import { queueImport } from "@/lib/import/queue-import";

// A file an admin uploads on "New import": always stops at a preview (docs/domain.md "Manual uploads
// always stop at a preview"). Unmatched required columns ask the admin to choose them. The file is
// read into staged rows here and the import queued; a worker plans it (lib/import/queue-import.ts).

export type UploadInput = {
  organizationId: string;
  userId: string;
  /** A kind, or "set": a OneRoster, Clever or SDS set detected from its files' names. */
  kind: AnyImportKind | "set";
  fileName: string;
  bytes: Uint8Array;
  /** field → header, chosen on the mapping step; saved for later imports when `saveMapping`. */
  columnMapping?: Record<string, string> | null;
  saveMapping?: boolean;
  /** The share of the file read while its rows are staged. */
  onProgress?: (fraction: number) => void;
};

export type UploadOutcome =
  | { type: "done"; id: string; status: string }
  | {
      type: "mapping";
      message: string;
      headers: string[];
      samples: string[][];
      guess: Partial<Record<AnyField, string>>;
      fields: Array<{ field: AnyField; label: string; required: boolean }>;
      sheetName: string | null;
    };

export async function importUpload(input: UploadInput): Promise<UploadOutcome> {
  const db = await getDb();
  const organization = await findOrganizationById(db, input.organizationId);
  if (!organization) throw new Error("organization not found");
  // An undetectable "set" is read as OneRoster, whose reader says what is wrong with it.
  const kind = input.kind === "set" ? (detectZipSetKind(input.bytes) ?? "oneroster") : input.kind;
  try {
    const result = await queueImport(db, {
      organizationId: input.organizationId,
      kind,
      usernameEmailDomain: organization.usernameEmailDomain,
      source: "upload",
      fileName: input.fileName,
      bytes: input.bytes,
      actor: { userId: input.userId },
      mode: "preview",
      thresholdPercent: organization.deactivationThresholdPercent,
      columnMapping: input.columnMapping ?? null,
      askForMapping: true,
      onProgress: input.onProgress,
    });
    if (input.saveMapping && input.columnMapping && result.status !== "failed" && !isSetKind(kind)) {
      await saveColumnMapping(db, input.organizationId, kind, input.columnMapping, input.userId);
    }
    return { type: "done", id: result.id, status: result.status };
  } catch (error) {
    if (!(error instanceof ColumnMappingNeeded) || isSetKind(kind)) throw error;
    const { required, optional } = FIELDS[kind];
    return {
      type: "mapping",
      message: error.message,
      headers: error.headers,
      samples: error.samples,
      guess: error.guess,
      fields: [
        ...required.map((field: AnyField) => ({ field, label: FIELD_LABELS[field], required: true })),
        ...optional.map((field: AnyField) => ({ field, label: FIELD_LABELS[field], required: false })),
      ],
      sheetName: error.sheetName,
    };
  }
}
