// Whether the compiled CLI (dist/cli, built by scripts/build-cli.mjs) can be used: it is, when it
// is newer than every source file it was built from; otherwise bin/rostersync.js runs the
// TypeScript sources through tsx (a checkout where someone edits the sources).
import { readFileSync, statSync } from "node:fs";
import path from "node:path";

export const BUNDLE_DIR = path.join("dist", "cli");
/** The list of the bundle's sources, written last by the build. */
export const MANIFEST = "sources.json";

/**
 * The compiled entry's path, or null when there is none or a source changed after the build
 * started. The manifest holds the build's start time and its sources, relative to `root`.
 * @param {string} root
 * @param {string} [dir]
 * @returns {string | null}
 */
export function freshBundle(root, dir = path.join(root, BUNDLE_DIR)) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), "utf8"));
  } catch {
    return null;
  }
  const { startedAt, sources } = manifest;
  if (typeof startedAt !== "number" || !Array.isArray(sources)) return null;
  for (const source of sources) {
    const stat = statSync(path.join(root, source), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > startedAt) return null;
  }
  return path.join(dir, "rostersync.mjs");
}
