import { lstat, open, readdir, realpath, unlink } from "node:fs/promises";
import path from "node:path";
import { UserFacingError } from "@/lib/errors";

// Drop folders (docs/decisions.md "Nightly sync"): every organization's folders live below
// `$NIGHTLY_DROP_ROOT/<organization slug>/`; an admin names only the subfolder, never an absolute
// path or `..`, and a symbolic link out of the organization's folder is refused when it is read.

const SUBFOLDER = /^[A-Za-z0-9_][A-Za-z0-9_.\- ]*(\/[A-Za-z0-9_][A-Za-z0-9_.\- ]*)*$/;

/** The admin's subfolder, tidied ("" for the organization's folder itself), or a message. */
export function normalizeSubfolder(value: string): string {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, "").replace(/\/{2,}/g, "/");
  if (trimmed === "") return "";
  if (!SUBFOLDER.test(trimmed) || trimmed.split("/").some((part) => part === "." || part === "..")) {
    throw new UserFacingError(
      "A drop folder is a folder name below your organization's folder: letters, digits, spaces, dots, dashes, underscores and /; no .. or leading dot.",
      "invalid_folder",
    );
  }
  return trimmed;
}

/** The organization's own folder below the drop root. */
export function organizationDropRoot(dropRoot: string | undefined, slug: string): string {
  if (!dropRoot) {
    throw new UserFacingError("Drop folders are not set up on this server: the operator must set NIGHTLY_DROP_ROOT.", "no_drop_root");
  }
  return path.join(path.resolve(dropRoot), slug);
}

/** A source's folder, checked (after following links) to stay inside the organization's folder. */
export async function resolveDropFolder(dropRoot: string | undefined, slug: string, subfolder: string): Promise<string> {
  const base = organizationDropRoot(dropRoot, slug);
  const folder = path.join(base, normalizeSubfolder(subfolder));
  const [realBase, realFolder] = await Promise.all([realpath(base), realpath(folder)]).catch(() => {
    throw new UserFacingError(`The drop folder ${folder} does not exist.`, "folder_missing");
  });
  if (realFolder !== realBase && !realFolder.startsWith(`${realBase}${path.sep}`)) {
    throw new UserFacingError(`The drop folder ${folder} leads outside your organization's folder.`, "folder_outside_root");
  }
  return realFolder;
}

/** `*` and `?` wildcards, whole name, ignoring case: "roster_*.csv". */
export function matchesPattern(name: string, pattern: string): boolean {
  const source = pattern
    .trim()
    .split("")
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source || ".*"}$`, "i").test(name);
}

/** Names an SFTP client or script uses while a file is still being written. */
const IN_PROGRESS = /^\.|\.(tmp|temp|part|partial|filepart|crdownload|swp)$/i;

export type DropFile = { path: string; name: string; size: number; modifiedAt: Date };

/**
 * The files of the folder matching the pattern, newest first (by modification time, then name),
 * skipping hidden and in-progress names, links and folders. Files modified less than `settleMs`
 * before `now` are still being written and are left for the next pass.
 */
export async function listDropFiles(folder: string, pattern: string, now: Date, settleMs: number): Promise<{ ready: DropFile[]; settling: number }> {
  const ready: DropFile[] = [];
  let settling = 0;
  for (const name of await readdir(folder)) {
    if (IN_PROGRESS.test(name) || !matchesPattern(name, pattern)) continue;
    const full = path.join(folder, name);
    const info = await lstat(full).catch(() => null);
    if (!info?.isFile()) continue;
    if (now.getTime() - info.mtime.getTime() < settleMs) {
      settling += 1;
      continue;
    }
    ready.push({ path: full, name, size: info.size, modifiedAt: info.mtime });
  }
  ready.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  return { ready, settling };
}

/** At most `limit + 1` bytes of the file: enough for the import to say it is too large. */
export async function readDropFile(file: DropFile, limit: number): Promise<Uint8Array> {
  const handle = await open(file.path, "r");
  try {
    const buffer = Buffer.alloc(Math.min(file.size, limit + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Removes files (already gone is fine). */
export async function removeDropFiles(paths: string[]): Promise<void> {
  for (const file of paths) {
    await unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
}
