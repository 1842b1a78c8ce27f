import type { Executor } from "@/db/client";
import type { ImportRecord, StagedRow } from "@/db/queries/import-records";
import { findOrganizationById } from "@/db/queries/organizations";
import type { StagedMapping } from "./import-result";
import { stagedRowSource } from "./staged-rows";
import { validateRows } from "./validate-rows";
import { fromFiles, unstageSet } from "./sets/read-set";
import { isSetKind } from "./types";
import type { ValidatedFile } from "./validated-file";

/** A preview's or a held import's staged rows read back into the validated file they came from. */
export async function fileFromStaged(
  db: Executor,
  record: ImportRecord,
  mapping: StagedMapping,
  staged: StagedRow[],
): Promise<ValidatedFile> {
  return isSetKind(record.kind)
    ? fromFiles(record.kind, unstageSet(staged), {
        usernameEmailDomain: (await findOrganizationById(db, record.organizationId))?.usernameEmailDomain ?? null,
      }).file
    : validateRows(stagedRowSource(record.kind, mapping, staged));
}
