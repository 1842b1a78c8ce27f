import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import { DEFAULT_ARCHIVE_LIMITS, unzipArchive } from "../archive-guard";
import { ImportFileError } from "../types";

// A multi-file set as the import sees it: the CSV files of a .zip (or of a folder, which the CLI
// and the drop folder pack into a .zip first), each by its base name.

export type SetFile = { name: string; bytes: Uint8Array };

/** Files a set may hold (OneRoster has 16 at most): the archive guard's limit. */
export const MAX_SET_ENTRIES = DEFAULT_ARCHIVE_LIMITS.maxEntries;

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_SIGNATURE = [0x50, 0x4b, 0x05, 0x06];

export const isZip = (bytes: Uint8Array) =>
  [ZIP_SIGNATURE, EMPTY_ZIP_SIGNATURE].some((signature) => signature.every((byte, i) => bytes[i] === byte));

/** The base name an entry is read under, or null for hidden files (the guard dropped unsafe names). */
export function entryBaseName(name: string): string | null {
  const parts = name.split(/[\\/]/);
  const base = parts[parts.length - 1] ?? "";
  if (base === "" || base.startsWith(".")) return null;
  return base;
}

/** The entry names of a .zip, from its directory only (nothing is inflated). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    return [];
  }
  return names;
}

/**
 * The files of a .zip set, through the archive guard (entry count, sizes, ratio, overlaps;
 * `..`, absolute paths and macOS metadata ignored; nested archives refused). Two entries with
 * one base name (in different folders) are refused, since which one is meant cannot be told.
 */
export function readZipSet(bytes: Uint8Array): SetFile[] {
  const { entries } = unzipArchive(bytes);
  const files = new Map<string, SetFile & { path: string }>();
  for (const entry of entries) {
    const base = entryBaseName(entry.name);
    if (base === null) continue;
    const earlier = files.get(base.toLowerCase());
    if (earlier) {
      throw new ImportFileError(
        "duplicate_file",
        `This .zip holds "${earlier.path}" and "${entry.name}"; a set has one file of each name. Zip one set at a time.`,
        { file: base },
      );
    }
    files.set(base.toLowerCase(), { name: base, bytes: entry.bytes, path: entry.name });
  }
  return [...files.values()]
    .map(({ name, bytes: data }) => ({ name, bytes: data }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The set's content hash: its files by lower-cased name and content, so the same files zipped
 * again (other dates, order or folder) count as byte-identical.
 */
export function setDigest(files: SetFile[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1))) {
    hash.update(`${file.name.toLowerCase()}\u0000${file.bytes.byteLength}\u0000`);
    hash.update(file.bytes);
  }
  return hash.digest("hex");
}
