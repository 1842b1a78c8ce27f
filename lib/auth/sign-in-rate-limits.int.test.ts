import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { rowsOf } from "@/db/client";
import { sql } from "drizzle-orm";
import { makeOrganization, unique } from "@/tests/support/factories";

// Sign-in link requests are limited per address and per client IP (docs/decisions.md "Sign-in").
// The Auth.js signIn callback counts; over a limit it answers like for an unknown address (the
// "check your inbox" page, no mail). The request's headers are stood in for.
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));

const { signInPolicy, CHECK_EMAIL_PATH } = await import("./sign-in-policy");
const { SIGN_IN_LIMITS, consumeSignInLinkRequest, signInLinkBlocked } = await import("./sign-in-rate-limits");
const { PEER_HEADER } = await import("./client-ip");
const db = await getDb();

const ask = (email: string) => signInPolicy({ user: { email }, email: { verificationRequest: true } });
const fromIp = (ip: string) => {
  requestHeaders = new Headers({ "x-forwarded-for": "203.0.113.250", [PEER_HEADER]: ip });
};

beforeEach(() => {
  requestHeaders = new Headers();
});

describe("sign-in link rate limits", () => {
  it(`sends at most ${SIGN_IN_LIMITS.email.points} links per address per 15 minutes`, async () => {
    const { admin } = await makeOrganization();
    fromIp(`198.51.100.${Math.floor(Math.random() * 200)}`);
    for (let i = 0; i < SIGN_IN_LIMITS.email.points; i++) expect(await ask(admin.email)).toBe(true);
    expect(await signInLinkBlocked(db, { email: admin.email, ip: null })).toMatchObject({ ok: false, scope: "email" });
    expect(await ask(admin.email)).toBe(CHECK_EMAIL_PATH);
    // Another address from the same IP still gets its link; the limit is the address's.
    const other = await makeOrganization();
    expect(await ask(other.admin.email)).toBe(true);
  });

  it("counts addresses that may not sign in the same way (the limit reveals nothing)", async () => {
    const stranger = `nobody-${unique()}@example.test`;
    for (let i = 0; i < SIGN_IN_LIMITS.email.points; i++) expect(await ask(stranger)).toBe(CHECK_EMAIL_PATH);
    expect(await signInLinkBlocked(db, { email: stranger, ip: null })).toMatchObject({ ok: false, scope: "email" });
  });

  it("limits one IP across many addresses", async () => {
    const limits = { email: SIGN_IN_LIMITS.email, ip: { points: 3, durationSeconds: 900 } };
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}-${unique()}`;
    for (let i = 0; i < 3; i++)
      expect(await consumeSignInLinkRequest(db, { email: `a${i}-${unique()}@example.test`, ip }, limits)).toEqual({
        ok: true,
      });
    const refused = await consumeSignInLinkRequest(db, { email: `late-${unique()}@example.test`, ip }, limits);
    expect(refused).toMatchObject({ ok: false, scope: "ip" });
    if (!refused.ok) expect(refused.retryAt.getTime()).toBeGreaterThan(Date.now() + 800_000);
  });

  it(`applies the default IP limit of ${SIGN_IN_LIMITS.ip.points} in the policy`, async () => {
    const octet = () => Math.floor(Math.random() * 250) + 1;
    const ip = `10.${octet()}.${octet()}.${octet()}`;
    fromIp(ip);
    for (let i = 0; i < SIGN_IN_LIMITS.ip.points; i++) await ask(`s${i}-${unique()}@example.test`);
    const { admin } = await makeOrganization();
    expect(await ask(admin.email)).toBe(CHECK_EMAIL_PATH);
    fromIp(`10.${octet()}.${octet()}.0`);
    expect(await ask(admin.email)).toBe(true);
  });

  it("stores no address or IP in rate_limits, only digests", async () => {
    const email = `digest-${unique()}@example.test`;
    await consumeSignInLinkRequest(db, { email, ip: "198.51.100.77" });
    const keys = rowsOf<{ key: string }>(
      await db.execute(sql`select key from rate_limits where key like 'sign-in-%'`),
    ).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(" ")).not.toContain(email);
    expect(keys.join(" ")).not.toContain("198.51.100.77");
  });

  it("a client choosing its X-Forwarded-For does not escape the per-IP limit", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200)}`;
    const limits = { ...SIGN_IN_LIMITS, ip: { points: 3, durationSeconds: 900 } };
    for (let i = 0; i < 3; i++) {
      requestHeaders = new Headers({ "x-forwarded-for": `10.9.${i}.1`, [PEER_HEADER]: ip });
      const { requestIp } = await import("./sign-in-policy");
      expect(
        await consumeSignInLinkRequest(db, { email: `x${i}-${unique()}@d.test`, ip: await requestIp() }, limits),
      ).toEqual({
        ok: true,
      });
    }
    requestHeaders = new Headers({ "x-forwarded-for": "10.9.99.1", [PEER_HEADER]: ip });
    const { requestIp } = await import("./sign-in-policy");
    expect(
      await consumeSignInLinkRequest(db, { email: `y-${unique()}@d.test`, ip: await requestIp() }, limits),
    ).toMatchObject({
      ok: false,
      scope: "ip",
    });
  });
});
