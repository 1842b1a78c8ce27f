import { loadRosterSnapshot } from "@/db/queries/roster-snapshot";
import type { ValidatedFile } from "./validated-file";

/** The part of the organization's roster a validated file can touch, for its plan. */
export async function snapshotFor(
  db: Parameters<typeof loadRosterSnapshot>[0],
  organizationId: string,
  file: ValidatedFile,
) {
  return loadRosterSnapshot(db, organizationId, {
    kind: file.kind,
    // A delta touches only the classes it names, whatever their school.
    schoolIds: file.delta ? [] : [...file.schools],
    classIds: [...new Set([...file.classes.keys(), ...file.protected.classes, ...(file.delta?.classIds ?? [])])],
  });
}
