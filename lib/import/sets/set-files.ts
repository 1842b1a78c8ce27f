import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import { checkZipArchive } from "../read-file";
import { DEFAULT_READ_LIMITS, ImportFileError, type ReadLimits } from "../types";

// A multi-file set as the import sees it: the CSV files of a .zip (or of a folder, which the CLI
// and the drop folder pack into a .zip first), each by its base name.

export type SetFile = { name: string; bytes: Uint8Array };

/** More entries than any roster set has (OneRoster has 16 files at most). */
export const MAX_SET_ENTRIES = 200;

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_SIGNATURE = [0x50, 0x4b, 0x05, 0x06];
const ARCHIVE_NAME = /\.(zip|gz|tgz|7z|rar|tar|bz2|xz)$/i;

export const isZip = (bytes: Uint8Array) =>
  [ZIP_SIGNATURE, EMPTY_ZIP_SIGNATURE].some((signature) => signature.every((byte, i) => bytes[i] === byte));

/**
 * The base name an entry is read under, or null when it is skipped: folders, names with `..`
 * or an absolute path (never trusted as a path), macOS resource forks and hidden files.
 */
export function entryBaseName(name: string): string | null {
  if (name.endsWith("/") || name.endsWith("\\")) return null;
  const parts = name.split(/[\\/]/);
  if (name.startsWith("/") || name.startsWith("\\") || /^[a-z]:/i.test(name)) return null;
  if (parts.some((part) => part === "..")) return null;
  if (parts.includes("__MACOSX")) return null;
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
 * The files of a .zip set, after the archive checks XLSX files get (size, ratio, overlaps). A
 * nested archive is refused; two entries with one base name (in different folders) too, since
 * which one is meant cannot be told.
 */
export function readZipSet(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): SetFile[] {
  const names = checkZipArchive(bytes, limits);
  if (names.length > MAX_SET_ENTRIES) {
    throw new ImportFileError(
      "too_many_entries",
      `This .zip holds ${names.length} files; a roster set has at most ${MAX_SET_ENTRIES}. Zip only the roster's CSV files.`,
    );
  }
  const wanted = new Map<string, string>();
  for (const name of names) {
    const base = entryBaseName(name);
    if (base === null) continue;
    if (ARCHIVE_NAME.test(base)) {
      throw new ImportFileError(
        "nested_archive",
        `This .zip holds another archive ("${base}"). Put the roster's CSV files directly in one .zip.`,
      );
    }
    const earlier = wanted.get(base.toLowerCase());
    if (earlier !== undefined) {
      throw new ImportFileError(
        "duplicate_file",
        `This .zip holds "${earlier}" and "${name}"; a set has one file of each name. Zip one set at a time.`,
        { file: base },
      );
    }
    wanted.set(base.toLowerCase(), name);
  }
  const keep = new Set(wanted.values());
  const inflated = unzipSync(bytes, { filter: (file) => keep.has(file.name) });
  const files: SetFile[] = [];
  for (const name of keep) {
    const data = inflated[name];
    if (!data) continue;
    const base = entryBaseName(name)!;
    if (isZip(data)) {
      throw new ImportFileError(
        "nested_archive",
        `The file "${base}" in this .zip is itself an archive. Put the roster's CSV files directly in one .zip.`,
        { file: base },
      );
    }
    files.push({ name: base, bytes: data });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
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
