// Pure: what the order of an organization's imports says, read back after the run.

export type OrderedImport = { id: string; status: string; sha256: string };

const APPLIED = new Set(["applied", "applied_with_errors"]);

/** The sha256 of each applied import, in order: the files to import one at a time. */
export function appliedFiles(imports: readonly OrderedImport[]): string[] {
  return imports.filter((i) => APPLIED.has(i.status)).map((i) => i.sha256);
}

/**
 * "Unchanged" answers overtaken by an apply: walking the imports in the order they finished, an
 * unchanged import of a file other than the one applied last before it. The byte-identical
 * shortcut reads the current import outside the import lock, so another file's apply can
 * commit before the answer is recorded; such an answer must not count as the current import
 * afterwards (db/queries/import-records.ts findCurrentImport). Assumes no two files have the
 * same content.
 */
export function overtakenUnchanged<T extends OrderedImport>(imports: readonly T[]): T[] {
  let current: string | null = null;
  const overtaken: T[] = [];
  for (const item of imports) {
    if (APPLIED.has(item.status)) current = item.sha256;
    else if (item.status === "unchanged" && item.sha256 !== current) overtaken.push(item);
  }
  return overtaken;
}
