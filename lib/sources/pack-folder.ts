import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { zipSync } from "fflate";
import { formatBytes } from "@/lib/format";
import { UserFacingError } from "@/lib/errors";
import { DEFAULT_READ_LIMITS } from "@/lib/import/types";
import { MAX_SET_ENTRIES } from "@/lib/import/sets/set-files";
import { isSystemFile } from "./list-drop-files";
import { readDropFile } from "./read-drop-file";

// A folder of CSV files (a OneRoster, Clever or SDS set) becomes one .zip, so a folder goes
// through exactly the path a .zip does (its checks, its digest, staging). Only the folder's own
// files are taken: hidden files, a desktop's own files (Thumbs.db), subfolders and links are not. A link is never followed, even one
// swapped in after the listing (each file is read as `readDropFile` reads a nightly file).

export async function packFolder(folder: string): Promise<Uint8Array> {
  const entries = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.startsWith(".") && !isSystemFile(entry.name))
    .map((entry) => entry.name)
    .sort();
  if (entries.length === 0) throw new UserFacingError(`The folder ${folder} holds no files.`, "empty_folder");
  if (entries.length > MAX_SET_ENTRIES) {
    throw new UserFacingError(
      `The folder ${folder} holds ${entries.length} files; a roster set has at most ${MAX_SET_ENTRIES}.`,
      "too_many_entries",
    );
  }
  const files: Record<string, Uint8Array> = {};
  let total = 0;
  for (const name of entries) {
    const info = await lstat(path.join(folder, name));
    total += info.size;
    if (total > DEFAULT_READ_LIMITS.maxUncompressedBytes) {
      throw new UserFacingError(
        `The files in ${folder} add up to more than ${formatBytes(DEFAULT_READ_LIMITS.maxUncompressedBytes)}.`,
        "archive_too_large",
      );
    }
    const file = { path: path.join(folder, name), name, size: info.size, modifiedAt: info.mtime };
    files[name] = await readDropFile(file, DEFAULT_READ_LIMITS.maxUncompressedBytes);
  }
  // A fixed date: the same files give the same bytes.
  return zipSync(files, { mtime: new Date("2000-01-01T00:00:00Z"), level: 1 });
}
