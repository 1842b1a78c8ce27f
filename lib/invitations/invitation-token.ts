import { createHash, randomBytes } from "node:crypto";
import { publicUrl } from "@/lib/public-url";

/** How long an invitation link works. */
export const INVITATION_TTL_DAYS = 7;
const TTL_MS = INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000;

/** 32 random bytes, base64url without padding: always 43 characters of [A-Za-z0-9_-]. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type InvitationToken = {
  /** Goes into the mailed link only; never stored. */
  token: string;
  /** SHA-256 of the token, hex: the only thing the database keeps. */
  tokenHash: string;
  expiresAt: Date;
};

/** A new single-use invitation token and its expiry, 7 days from `now`. */
export function createInvitationToken(now: Date = new Date()): InvitationToken {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token), expiresAt: new Date(now.getTime() + TTL_MS) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a string from a URL can be a token at all (anything else is not looked up). */
export function isWellFormedInvitationToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** The accept page's address for a token. */
export function invitationUrl(token: string): string {
  return publicUrl(`/invite/${encodeURIComponent(token)}`);
}
