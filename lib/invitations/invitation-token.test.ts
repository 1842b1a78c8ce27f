import { publicBaseUrl } from "@/lib/public-url";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createInvitationToken,
  hashInvitationToken,
  INVITATION_TTL_DAYS,
  invitationUrl,
  isWellFormedInvitationToken,
} from "./invitation-token";

describe("createInvitationToken", () => {
  it("makes 32 random bytes, base64url, and keeps only their SHA-256", () => {
    const { token, tokenHash } = createInvitationToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(tokenHash).not.toContain(token);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => createInvitationToken().token));
    expect(tokens.size).toBe(1000);
  });

  it("expires exactly 7 days after it is made", () => {
    const now = new Date("2026-09-01T12:00:00Z");
    expect(INVITATION_TTL_DAYS).toBe(7);
    expect(createInvitationToken(now).expiresAt.toISOString()).toBe("2026-09-08T12:00:00.000Z");
  });
});

describe("hashInvitationToken", () => {
  it("is the hex SHA-256 of the token, the same every time", () => {
    expect(hashInvitationToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const { token, tokenHash } = createInvitationToken();
    expect(hashInvitationToken(token)).toBe(tokenHash);
  });
});

describe("isWellFormedInvitationToken", () => {
  it("accepts a real token and refuses anything cut short, padded or foreign", () => {
    const { token } = createInvitationToken();
    expect(isWellFormedInvitationToken(token)).toBe(true);
    expect(isWellFormedInvitationToken(token.slice(0, 42))).toBe(false);
    expect(isWellFormedInvitationToken(`${token}=`)).toBe(false);
    expect(isWellFormedInvitationToken(`${token.slice(0, 42)}/`)).toBe(false);
    expect(isWellFormedInvitationToken("")).toBe(false);
  });
});

describe("invitationUrl", () => {
  it("is /invite/<token> on the app's public address", () => {
    expect(invitationUrl("tok_en-1")).toBe(`${publicBaseUrl()}/invite/tok_en-1`);
  });
});
