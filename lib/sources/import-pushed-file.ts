import type { Database } from "@/db/client";
import { findOrganizationById } from "@/db/queries/organizations";
import type { ImportResult } from "@/lib/import/import-result";
import { queueImport } from "@/lib/import/queue-import";
import type { AnyImportKind } from "@/lib/import/types";

// A file pushed to POST /api/v1/imports by an SIS script: imported with nightly semantics
// (applies unless held), recorded as source "api" by the token's name. A .zip body is a
// OneRoster, Clever or SDS set (kind=oneroster|clever|sds, or detected from its file names).
// The file is read into staged rows and the import queued; the answer does not wait for it
// (its status is "queued", then "processing", then final: the statusUrl follows it).

export async function importPushedFile(
  db: Database,
  organizationId: string,
  input: { tokenName: string; kind: AnyImportKind; fileName: string; bytes: Uint8Array },
): Promise<ImportResult> {
  const organization = await findOrganizationById(db, organizationId);
  if (!organization) throw new Error("organization not found");
  return queueImport(db, {
    organizationId,
    kind: input.kind,
    source: "api",
    fileName: input.fileName,
    bytes: input.bytes,
    actor: { label: `API token "${input.tokenName}"` },
    mode: "apply",
    thresholdPercent: organization.deactivationThresholdPercent,
    usernameEmailDomain: organization.usernameEmailDomain,
  });
}
