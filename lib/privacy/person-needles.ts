import { createHash } from "node:crypto";

// What names a person in free text (change samples, issue messages, staged rows, mail, audit
// details): their SIS id, their email and their full name. A needle matches only as a whole
// token, so forgetting student "S10" leaves "S100" alone.

export type PersonNeedles = readonly string[];

/** The distinct non-blank needles, longest first. */
export function personNeedles(values: Array<string | null | undefined>): PersonNeedles {
  const seen = new Set<string>();
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen].sort((a, b) => b.length - a.length);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One case-insensitive pattern matching any needle that is not part of a longer word or id. */
export function needlePattern(needles: PersonNeedles): RegExp | null {
  if (needles.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${needles.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

/** Does this text (a sample, a message, a JSON row) name the person? */
export function names(pattern: RegExp | null, text: string): boolean {
  return pattern !== null && pattern.test(text);
}

/**
 * The one-way reference the audit log keeps for a forgotten person: neither the id nor the name,
 * but the same person forgotten twice gives the same reference.
 */
export function forgottenReference(organizationId: string, kind: "student" | "staff", key: string): string {
  return createHash("sha256")
    .update(`${organizationId}\n${kind}\n${key.trim().toLowerCase()}`)
    .digest("hex")
    .slice(0, 16);
}
