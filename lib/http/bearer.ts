import { createHash, timingSafeEqual } from "node:crypto";

// `Authorization: Bearer <value>` for the cron route and the push API.

/** The bearer value of an Authorization header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

/** Compares in constant time (both sides hashed first, so their lengths do not show either). */
export function secretMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
