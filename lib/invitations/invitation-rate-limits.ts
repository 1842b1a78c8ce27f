import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Executor } from "@/db/client";
import { rateLimits } from "@/db/schema/rate-limits";
import { UserFacingError } from "@/lib/errors";

// How many invitation mails may go out (docs/decisions.md "Invitations"). Counted by
// rate-limiter-flexible's Drizzle store in the `rate_limits` table, inside the transaction that
// creates the invitation: a send that is rolled back gives its point back.

export type RateLimit = { points: number; durationSeconds: number };
export type InvitationLimits = { organization: RateLimit; staff: RateLimit };

export const INVITATION_LIMITS: InvitationLimits = {
  /** A whole district's first round fits in one hour; a runaway script or stolen session does not get further. */
  organization: { points: 1000, durationSeconds: 60 * 60 },
  /** One send and four resends a day per person: enough for "I never got it", not enough to flood an inbox. */
  staff: { points: 5, durationSeconds: 24 * 60 * 60 },
};

export class InvitationRateLimitError extends UserFacingError {
  constructor(
    readonly scope: "organization" | "staff",
    readonly retryAt: Date,
    limit: RateLimit,
  ) {
    super(
      scope === "organization"
        ? `Your district has sent ${limit.points} invitations in the last ${describe(limit)}, the most allowed.`
        : `This person has been sent ${limit.points} invitations in the last ${describe(limit)}, the most allowed.`,
      `invitation_rate_limited_${scope}`,
    );
  }
}

const describe = ({ durationSeconds: s }: RateLimit) =>
  s === 3600 ? "hour" : s === 86400 ? "24 hours" : `${Math.round(s / 60)} minutes`;

function limiter(tx: Executor, limit: RateLimit) {
  return new RateLimiterDrizzle({
    storeClient: tx,
    schema: rateLimits,
    keyPrefix: "invitations",
    points: limit.points,
    duration: limit.durationSeconds,
    clearExpiredByTimeout: false, // an expired window is reset by the next consume
  });
}

/** Takes one send from the organization's and the staff member's allowance, or throws. */
export async function consumeInvitationSend(
  tx: Executor,
  organizationId: string,
  staffId: number,
  limits: InvitationLimits = INVITATION_LIMITS,
): Promise<void> {
  await consume(tx, "organization", `org:${organizationId}`, limits.organization);
  await consume(tx, "staff", `staff:${organizationId}:${staffId}`, limits.staff);
}

async function consume(tx: Executor, scope: "organization" | "staff", key: string, limit: RateLimit) {
  try {
    await limiter(tx, limit).consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes)
      throw new InvitationRateLimitError(scope, new Date(Date.now() + error.msBeforeNext), limit);
    throw error;
  }
}
