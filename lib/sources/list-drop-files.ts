import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

// The files a drop folder offers a nightly pull (docs/decisions.md "Nightly sync": newest file).

/** `*` and `?` wildcards, whole name, ignoring case: "roster_*.csv". */
export function matchesPattern(name: string, pattern: string): boolean {
  const source = pattern
    .trim()
    .split("")
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source || ".*"}$`, "i").test(name);
}

/**
 * Files a desktop leaves in any folder it opened (macOS `.DS_Store` and `._name`, Windows
 * `Thumbs.db` and `desktop.ini`): never part of a set, never a sign that one is still written.
 */
export const isSystemFile = (name: string) => /^(\.DS_Store|\._.+|Thumbs\.db|desktop\.ini)$/i.test(name);

/** Names an SFTP client or script uses while a file is still being written. */
const IN_PROGRESS = /^\.|\.(tmp|temp|part|partial|filepart|crdownload|swp)$/i;

/** A file, or (`folder: true`) a folder of a set's files: its size is their total, its time the newest one's. */
export type DropFile = { path: string; name: string; size: number; modifiedAt: Date; folder?: true };

/**
 * The files of the folder matching the pattern, newest first (by modification time, then name),
 * skipping hidden and in-progress names and links. Files modified less than `settleMs` before
 * `now` are still being written and are left for the next pass. Subfolders are skipped unless
 * `folders` (a set kind): then a matching subfolder is a candidate too, once it has settled
 * (see `settledFolder`).
 */
export async function listDropFiles(
  folder: string,
  pattern: string,
  now: Date,
  settleMs: number,
  options: { folders?: boolean } = {},
): Promise<{ ready: DropFile[]; settling: number }> {
  const ready: DropFile[] = [];
  let settling = 0;
  for (const name of await readdir(folder)) {
    if (IN_PROGRESS.test(name) || !matchesPattern(name, pattern)) continue;
    const full = path.join(folder, name);
    const info = await lstat(full).catch(() => null);
    if (options.folders && info?.isDirectory()) {
      const set = await settledFolder(full, now, settleMs);
      if (set === "settling") settling += 1;
      else if (set) ready.push(set);
      continue;
    }
    if (!info?.isFile()) continue;
    if (now.getTime() - info.mtime.getTime() < settleMs) {
      settling += 1;
      continue;
    }
    ready.push({ path: full, name, size: info.size, modifiedAt: info.mtime });
  }
  ready.sort(
    (a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0),
  );
  return { ready, settling };
}

/**
 * A set delivered as a folder counts once all its files were written: the folder and every
 * regular file directly inside it were last modified at least `settleMs` before `now`, and no
 * entry has an in-progress or hidden name (`users.csv.part`, rsync's `.users.csv.x1Y2`); a desktop's
 * own files (`.DS_Store`, `Thumbs.db`: `isSystemFile`) are left out of both. An SFTP
 * job meets this by uploading the files (or under temporary names, renamed at the end) and then
 * leaving the folder alone. A folder with no file is skipped (still "being written" while it is
 * new). Links and subfolders inside are not the set's files: they are ignored, never followed.
 */
export async function settledFolder(full: string, now: Date, settleMs: number): Promise<DropFile | "settling" | null> {
  const contents = await folderContents(full);
  if (!contents) return null;
  const young = (time: Date) => now.getTime() - time.getTime() < settleMs;
  if (contents.inProgress || young(contents.ownModifiedAt)) return "settling";
  if (!contents.set) return null;
  return young(contents.set.modifiedAt) ? "settling" : contents.set;
}

/** What a folder holds: its regular files' total size and newest time, and whether a name is in progress. */
export async function folderContents(
  full: string,
): Promise<{ ownModifiedAt: Date; inProgress: boolean; set: DropFile | null } | null> {
  const own = await lstat(full).catch(() => null);
  if (!own?.isDirectory()) return null;
  let newest: Date | null = null;
  let size = 0;
  let inProgress = false;
  for (const entry of await readdir(full, { withFileTypes: true })) {
    if (isSystemFile(entry.name)) continue;
    if (IN_PROGRESS.test(entry.name)) inProgress = true;
    if (inProgress || !entry.isFile()) continue;
    const info = await lstat(path.join(full, entry.name)).catch(() => null);
    if (!info?.isFile()) continue;
    size += info.size;
    if (!newest || info.mtime > newest) newest = info.mtime;
  }
  const set: DropFile | null = newest
    ? { path: full, name: path.basename(full), size, modifiedAt: newest, folder: true }
    : null;
  return { ownModifiedAt: own.mtime, inProgress, set };
}
