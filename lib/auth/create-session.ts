import { randomBytes } from "node:crypto";
import type { Executor } from "@/db/client";
import { sessions } from "@/db/schema/auth";

/** Database session lifetime; Auth.js is configured with the same (lib/auth/auth.ts). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * A database session row as Auth.js's adapter would create it (`createSession`): an opaque token,
 * the user, and an expiry. Auth.js reads it back through the session cookie like its own.
 */
export async function createSession(
  db: Executor,
  userId: string,
  now: Date = new Date(),
): Promise<{ sessionToken: string; expires: Date }> {
  const sessionToken = randomBytes(32).toString("base64url");
  const expires = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  await db.insert(sessions).values({ sessionToken, userId, expires });
  return { sessionToken, expires };
}
