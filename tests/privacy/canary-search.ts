import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// Where the privacy canary (a made-up name from a roster file) is looked for, shared by the
// in-process test (privacy-canary.int.test.ts) and the browser one (e2e/privacy-canary.spec.ts).

/** The tables that hold the roster: the canary belongs there, and only there. */
export const ROSTER_TABLES = new Set([
  "schools",
  "terms",
  "classes",
  "students",
  "staff",
  "enrollments",
  "teaching_assignments",
  "student_schools",
  "staff_schools",
  "school_counts",
]);

/** A made-up name no real file holds: a fixed word and 12 random hex digits. */
export function canaryName(word: string): string {
  const hex = Array.from({ length: 12 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
  return `${word}${hex}`;
}

/** Does this text (or these bytes, read as Latin-1) hold the needle, as UTF-8/ASCII or UTF-16LE? */
export function holds(text: string, needle: string): boolean {
  return text.includes(needle) || text.includes(Buffer.from(needle, "utf16le").toString("latin1"));
}

const MAX_FILES = 20_000;

/**
 * Files below `dir` changed since `sinceMs`, except the paths `skip` names (6 levels deep at most).
 * More than 20,000 is an error rather than a search that silently stopped short.
 */
export function recentFiles(dir: string, sinceMs: number, skip: (fullPath: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const walk = (current: string, depth: number) => {
    if (depth > 6) return;
    if (found.length > MAX_FILES)
      throw new Error(`more than ${MAX_FILES} files changed below ${dir}: too many to search`);
    let entries: string[] = [];
    try {
      entries = readdirSync(current);
    } catch {
      return; // vanished or another user's
    }
    for (const name of entries) {
      const full = path.join(current, name);
      if (skip(full)) continue;
      try {
        const stat = statSync(full);
        if (stat.isDirectory()) walk(full, depth + 1);
        else if (stat.isFile() && stat.mtimeMs >= sinceMs - 1000 && stat.size < 50 * 1024 * 1024) found.push(full);
      } catch {
        // vanished or unreadable: not ours
      }
    }
  };
  walk(dir, 0);
  return found;
}

/** The files among these that hold the needle. */
export function filesHolding(files: string[], needle: string): string[] {
  return files.filter((file) => {
    try {
      return holds(readFileSync(file, "latin1"), needle);
    } catch {
      return false;
    }
  });
}
