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

/** Names an SFTP client or script uses while a file is still being written. */
const IN_PROGRESS = /^\.|\.(tmp|temp|part|partial|filepart|crdownload|swp)$/i;

export type DropFile = { path: string; name: string; size: number; modifiedAt: Date };

/**
 * The files of the folder matching the pattern, newest first (by modification time, then name),
 * skipping hidden and in-progress names, links and folders. Files modified less than `settleMs`
 * before `now` are still being written and are left for the next pass.
 */
export async function listDropFiles(
  folder: string,
  pattern: string,
  now: Date,
  settleMs: number,
): Promise<{ ready: DropFile[]; settling: number }> {
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
  ready.sort(
    (a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0),
  );
  return { ready, settling };
}
