import { createHash } from "node:crypto";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Executor } from "@/db/client";
import { env } from "@/lib/env";
import { rateLimits } from "@/db/schema/rate-limits";
import type { RateLimit } from "@/lib/invitations/invitation-rate-limits";

// How many sign-in links may be requested (docs/decisions.md "Sign-in"): per address and per
// client IP, counted by rate-limiter-flexible's Drizzle store in `rate_limits`, like invitation
// sends. Keys hold a SHA-256 of the address or IP, never the address itself.

export type SignInLimits = { email: RateLimit; ip: RateLimit };

export const SIGN_IN_LIMITS: SignInLimits = {
  /** Default 5: a few "I did not get it" retries; not enough to flood someone's inbox. */
  email: { points: env.SIGN_IN_LINKS_PER_EMAIL, durationSeconds: 15 * 60 },
  /** Default 100: a whole school behind one NAT address signs in in the morning; a script trying addresses does not get far. */
  ip: { points: env.SIGN_IN_LINKS_PER_IP, durationSeconds: 15 * 60 },
};

export type SignInRateResult = { ok: true } | { ok: false; scope: "email" | "ip"; retryAt: Date };

/** What is counted, IP first; an unknown IP (no proxy header) is not counted. */
const counted = (request: { email: string; ip: string | null }): ["email" | "ip", string][] =>
  request.ip
    ? [
        ["ip", request.ip],
        ["email", request.email.trim().toLowerCase()],
      ]
    : [["email", request.email.trim().toLowerCase()]];

const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);

function limiter(db: Executor, limit: RateLimit, scope: "email" | "ip") {
  return new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix: `sign-in-${scope}`,
    points: limit.points,
    duration: limit.durationSeconds,
    clearExpiredByTimeout: false, // an expired window is reset by the next consume
  });
}

/**
 * Takes one link request from the address's and the IP's allowance. The IP is counted first, so a
 * script cycling through addresses is stopped by it; an unknown IP (no proxy header) is not counted.
 */
export async function consumeSignInLinkRequest(
  db: Executor,
  request: { email: string; ip: string | null },
  limits: SignInLimits = SIGN_IN_LIMITS,
): Promise<SignInRateResult> {
  for (const [scope, value] of counted(request)) {
    try {
      await limiter(db, limits[scope], scope).consume(digest(value));
    } catch (error) {
      if (error instanceof RateLimiterRes)
        return { ok: false, scope, retryAt: new Date(Date.now() + error.msBeforeNext) };
      throw error;
    }
  }
  return { ok: true };
}

/**
 * Whether the next request would be refused, without counting one: the sign-in form says so
 * ("try again at …") before asking Auth.js, whose signIn callback does the counting.
 */
export async function signInLinkBlocked(
  db: Executor,
  request: { email: string; ip: string | null },
  limits: SignInLimits = SIGN_IN_LIMITS,
): Promise<SignInRateResult> {
  for (const [scope, value] of counted(request)) {
    const state = await limiter(db, limits[scope], scope).get(digest(value));
    if (state && state.consumedPoints >= limits[scope].points)
      return { ok: false, scope, retryAt: new Date(Date.now() + state.msBeforeNext) };
  }
  return { ok: true };
}
