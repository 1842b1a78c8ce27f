import type { StagedRow } from "@/db/queries/import-records";
import { DiskFile, sha256OfSource, type ImportBytes } from "../byte-source";
import { ImportFileError, isSetKind, type AnyImportKind, type ImportIssue, type SetKind } from "../types";
import type { ValidatedFile } from "../validated-file";
import { checkReferences } from "./check-references";
import { readClever, readSdsV1 } from "./clever";
import type { SetOptions } from "./entities";
import { readOneRoster, readSdsV21 } from "./oneroster";
import { isZip, readZipSet, setDigest, zipEntryNames, type SetFile } from "./set-files";
import type { SetRoster } from "./set-roster";

// A multi-file set, top to bottom: the .zip's files → the format's reader (oneroster, clever,
// sds) → cross-file reference checks → the validated structure a combined file plans from.

const has = (names: Set<string>, ...wanted: string[]) => wanted.every((name) => names.has(name.toLowerCase()));

/** The set's kind from its file names (case-insensitive), or null when it is none of them. */
export function detectSetKind(fileNames: string[]): SetKind | null {
  const names = new Set(fileNames.map((name) => name.toLowerCase()));
  if (has(names, "manifest.csv") || (has(names, "users.csv") && !has(names, "roles.csv") && has(names, "orgs.csv")))
    return "oneroster";
  if (has(names, "orgs.csv", "users.csv", "roles.csv")) return "sds";
  if (has(names, "sections.csv") || has(names, "teachers.csv", "students.csv")) return "clever";
  if (has(names, "section.csv") || has(names, "teacher.csv", "student.csv") || has(names, "teacherroster.csv"))
    return "sds";
  if (has(names, "classes.csv") || has(names, "enrollments.csv") || has(names, "users.csv")) return "oneroster";
  return null;
}

/** The kind of a .zip's content when it is a set (by its entries' base names), else null. */
export function detectZipSetKind(bytes: Uint8Array): SetKind | null {
  if (!isZip(bytes)) return null;
  const names = zipEntryNames(bytes).map((name) => name.split(/[\\/]/).pop() ?? name);
  if (names.some((name) => name.toLowerCase() === "[content_types].xml")) return null; // an XLSX
  return detectSetKind(names);
}

/** The content hash of a .zip set (same files → same hash), or null when it cannot be read. */
export function zipSetDigest(bytes: Uint8Array): string | null {
  try {
    return setDigest(readZipSet(bytes));
  } catch {
    return null;
  }
}

/**
 * What an import records as its file's hash: a .zip set's content hash (the same files zipped
 * again match), otherwise the SHA-256 of the bytes, hashed a slice per turn of the event loop.
 */
export async function importDigest(kind: AnyImportKind, bytes: ImportBytes): Promise<string> {
  return (
    (isSetKind(kind) && !(bytes instanceof DiskFile) ? zipSetDigest(bytes) : null) ?? (await sha256OfSource(bytes))
  );
}

const FORMAT_NAMES: Record<SetKind, string> = { oneroster: "OneRoster", clever: "Clever", sds: "SDS" };

/** The set's files of one kind, read and checked. */
export function readSetFiles(kind: SetKind, list: SetFile[], options: SetOptions): SetRoster {
  const files = new Map(list.map((file) => [file.name.toLowerCase(), file]));
  if (files.size === 0) {
    throw new ImportFileError("empty_set", "This .zip holds no files. Zip the roster's CSV files and upload it again.");
  }
  const detected = detectSetKind([...files.keys()]);
  if (detected === null) {
    throw new ImportFileError(
      "unknown_set",
      `The files of this set (${list.map((file) => file.name).join(", ")}) are not a OneRoster, Clever or SDS set: none of their names is one these formats use (such as users.csv, sections.csv or Section.csv).`,
    );
  }
  if (kind === "oneroster") return readOneRoster(files, options);
  if (kind === "clever") return readClever(files, options);
  // SDS: v2.1 is OneRoster-shaped (orgs, users, roles …); v1 has School.csv, Section.csv …
  if (files.has("orgs.csv") || files.has("users.csv")) return readSdsV21(files, options);
  return readSdsV1(files, options);
}

export type ReadSetResult = {
  file: ValidatedFile;
  issues: ImportIssue[];
  roster: SetRoster;
  /** The set's files as staged rows (preview and hold): see stageSet / unstageSet. */
  files: SetFile[];
};

export function readSet(kind: SetKind, bytes: Uint8Array, options: SetOptions): ReadSetResult {
  return fromFiles(kind, setFilesOf(kind, bytes), options);
}

/** The files of a set's .zip, unread (an upload stages them; its import's job reads them). */
export function setFilesOf(kind: SetKind, bytes: Uint8Array): SetFile[] {
  if (!isZip(bytes)) {
    throw new ImportFileError(
      "not_a_set",
      `A ${FORMAT_NAMES[kind]} set is a .zip of CSV files (or several CSV files chosen at once); this is a single file. Choose the kind of the file instead, or zip the set's files.`,
    );
  }
  return readZipSet(bytes);
}

export function fromFiles(kind: SetKind, files: SetFile[], options: SetOptions): ReadSetResult {
  const roster = readSetFiles(kind, files, options);
  const file = checkReferences(roster);
  if (file.rowCount === 0) {
    throw new ImportFileError(
      "no_data_rows",
      "The files of this set have headers but no data rows, so nothing was imported.",
    );
  }
  if (file.duplicateRows > 0) {
    file.issues.push({
      file: null,
      row: null,
      column: null,
      severity: "warning",
      code: "duplicate_rows",
      message: `${file.duplicateRows} ${file.duplicateRows === 1 ? "row repeats" : "rows repeat"} an earlier row of its file; each was counted once.`,
    });
  }
  return { file, issues: file.issues, roster, files };
}

// Staging a set for a preview or a hold: each file's text, so a decision reads it again.
// A staged row of a set is [0, fileIndex, name, base64 content]; one row per file.

export function stageSet(files: SetFile[]): StagedRow[] {
  return files.map((file, index) => [0, index, file.name, Buffer.from(file.bytes).toString("base64")]);
}

export function unstageSet(rows: StagedRow[]): SetFile[] {
  return rows.map(([, , name, content]) => ({
    name: name ?? "file.csv",
    bytes: new Uint8Array(Buffer.from(content ?? "", "base64")),
  }));
}

export { setDigest };
