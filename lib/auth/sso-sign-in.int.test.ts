import { and, asc, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { updateOrganizationSignInSettings } from "@/db/queries/sso";
import { accounts, sessions, users } from "@/db/schema/auth";
import { auditLog } from "@/db/schema/audit";
import { invitations } from "@/db/schema/invitations";
import { staff } from "@/db/schema/roster";
import { UserFacingError } from "@/lib/errors";
import { listOutbox } from "@/lib/mail/outbox";
import { sendInvitations } from "@/lib/invitations/send-invitations";
import { makeAcceptedStaff, makeOrganization, makeStaff, unique } from "@/tests/support/factories";
import {
  emailLinkMaySignIn,
  decideSsoSignIn,
  requiredSsoProviderFor,
  SSO_REFUSED_PATH,
  SSO_UNVERIFIED_PATH,
} from "./sso-sign-in";
import { saveSignInSettings } from "./sso-settings";
import type { SsoProviderId } from "./sso-providers";

// Signing in through a provider (lib/auth/sso-sign-in.ts) against the real queries: who gets in,
// what is linked, and that a refusal creates nothing. The claims are each provider's documented
// ones; the Auth.js round trip itself is in e2e/sso.spec.ts.

const db = await getDb();
const ALL: SsoProviderId[] = ["google", "microsoft-entra-id", "clever", "classlink", "oidc"];
const CONFIGURED = ALL.map((id) => ({ id, name: id }));

/** The ID token claims each provider documents for a verified work address. */
function claimsFor(provider: SsoProviderId, email: string, extra: Record<string, unknown> = {}) {
  const base = { sub: `${provider}-${email}`, email };
  const kind: Record<SsoProviderId, Record<string, unknown>> = {
    google: { email_verified: true, hd: email.split("@")[1] },
    "microsoft-entra-id": { xms_edov: true, tid: "9188040d-6c67-4c5b-b112-36a304b66dad", preferred_username: email },
    clever: { email_verified: true, user_type: "teacher", district: "5b2ad81a709e300001e2cd7a" },
    classlink: { email_verified: true },
    oidc: { email_verified: true },
  };
  return { ...base, ...kind[provider], ...extra };
}

const decide = (provider: SsoProviderId, claims: Record<string, unknown>, invitationToken?: string) =>
  decideSsoSignIn(db, { provider, providerAccountId: String(claims.sub), claims, invitationToken }, ALL);

async function rowCounts(email: string) {
  const [u] = await db.select({ n: count() }).from(users).where(eq(users.email, email.toLowerCase()));
  const [a] = await db
    .select({ n: count() })
    .from(accounts)
    .where(sql`${accounts.providerAccountId} like ${`%${email.toLowerCase()}`}`);
  return { users: u?.n ?? 0, accounts: a?.n ?? 0 };
}

async function mailedToken(email: string): Promise<string> {
  const [mail] = await listOutbox({ to: email, limit: 1 });
  const link = mail?.links[0];
  if (!link) throw new Error(`no invitation mailed to ${email}`);
  return new URL(link).pathname.split("/").pop() ?? "";
}

describe("who may sign in through a provider", () => {
  it.each(ALL)("%s: an admin is let in and linked to the same user the emailed link signs in", async (provider) => {
    const { admin } = await makeOrganization();
    const claims = claimsFor(provider, admin.email.toUpperCase()); // case does not matter
    const first = await decide(provider, claims);
    expect(first).toEqual({ allow: true, userId: admin.userId, linked: true, acceptedInvitation: false });
    const linked = await db.select().from(accounts).where(eq(accounts.userId, admin.userId));
    expect(linked).toEqual([
      expect.objectContaining({
        provider,
        providerAccountId: claims.sub,
        type: "oidc",
        access_token: null,
        id_token: null,
      }),
    ]);
    // Still one user for the address; the next sign-in finds the link.
    expect((await rowCounts(admin.email)).users).toBe(1);
    expect(await decide(provider, claims)).toMatchObject({ allow: true, userId: admin.userId, linked: false });
  });

  it("refuses a person with no access with the neutral page and creates no user or account", async () => {
    const stranger = `stranger-${unique()}@elsewhere.test`;
    for (const provider of ALL) {
      expect(await decide(provider, claimsFor(provider, stranger))).toMatchObject({
        allow: false,
        redirect: SSO_REFUSED_PATH,
      });
    }
    expect(await rowCounts(stranger)).toEqual({ users: 0, accounts: 0 });
  });

  it("refuses an unverified or missing address, even an admin's, and creates nothing", async () => {
    const { admin } = await makeOrganization();
    const refusals = [
      decide("google", claimsFor("google", admin.email, { email_verified: false })),
      decide("clever", claimsFor("clever", admin.email, { email_verified: undefined })), // Clever's default
      decide("classlink", claimsFor("classlink", admin.email, { email_verified: "false" })),
      decide("oidc", claimsFor("oidc", admin.email, { email_verified: undefined })),
      decide("microsoft-entra-id", claimsFor("microsoft-entra-id", admin.email, { xms_edov: false })),
      decide("google", claimsFor("google", admin.email, { email: undefined })),
      decide("oidc", claimsFor("oidc", admin.email, { email: "not an address" })),
    ];
    for (const refusal of await Promise.all(refusals))
      expect(refusal).toMatchObject({ allow: false, redirect: SSO_UNVERIFIED_PATH });
    expect(await db.select().from(accounts).where(eq(accounts.userId, admin.userId))).toEqual([]);
    // Entra ID's own verified-address claim, and a plain email_verified, both count.
    expect(await decide("microsoft-entra-id", claimsFor("microsoft-entra-id", admin.email))).toMatchObject({
      allow: true,
    });
    expect(
      await decide(
        "microsoft-entra-id",
        claimsFor("microsoft-entra-id", admin.email, { xms_edov: undefined, email_verified: true, sub: "x" }),
      ),
    ).toMatchObject({ allow: true });
  });

  it("lets an active teacher in, and not once deactivated; their sessions end whatever the provider", async () => {
    const { organization } = await makeOrganization();
    const teacher = await makeAcceptedStaff(organization.id);
    const claims = claimsFor("clever", teacher.user.email);
    expect(await decide("clever", claims)).toMatchObject({ allow: true, userId: teacher.user.id });
    await db
      .insert(sessions)
      .values({ sessionToken: `t-${unique()}`, userId: teacher.user.id, expires: new Date(Date.now() + 86_400_000) });

    const { deleteSessionsOfStaff } = await import("@/db/queries/memberships");
    await db.update(staff).set({ active: false }).where(eq(staff.id, teacher.staff.id));
    expect(await deleteSessionsOfStaff(db, organization.id, [teacher.staff.id])).toBe(1);
    expect(await decide("clever", claims)).toMatchObject({ allow: false, redirect: SSO_REFUSED_PATH });
  });

  it("refuses a linked account that now vouches for another person's address", async () => {
    const { admin } = await makeOrganization();
    const other = await makeOrganization();
    const claims = claimsFor("oidc", admin.email);
    expect(await decide("oidc", claims)).toMatchObject({ allow: true });
    // Same provider account (sub), now claiming the other admin's address: not the other admin.
    expect(await decide("oidc", { ...claims, email: other.admin.email })).toMatchObject({
      allow: false,
      redirect: SSO_REFUSED_PATH,
    });
    expect(await db.select().from(accounts).where(eq(accounts.userId, other.admin.userId))).toEqual([]);
  });

  it("holds Google sign-ins to the organization's Workspace domain when it has one", async () => {
    const { organization, admin } = await makeOrganization();
    await updateOrganizationSignInSettings(db, organization.id, {
      staffSignInProvider: null,
      googleHostedDomain: "riverside.k12.us",
    });
    expect(await decide("google", claimsFor("google", admin.email, { hd: "gmail-lookalike.test" }))).toMatchObject({
      allow: false,
    });
    expect(await decide("google", claimsFor("google", admin.email, { hd: undefined }))).toMatchObject({ allow: false });
    expect(await decide("google", claimsFor("google", admin.email, { hd: "riverside.k12.us" }))).toMatchObject({
      allow: true,
    });
    // Other providers and the emailed link are not affected.
    expect(await emailLinkMaySignIn(db, admin.email, ALL)).toBe(true);
  });
});

describe("an organization whose staff sign in with one provider only", () => {
  it("sends its staff no link and names the provider, never locks out its admins", async () => {
    const { organization, admin } = await makeOrganization();
    const teacher = await makeAcceptedStaff(organization.id);
    await updateOrganizationSignInSettings(db, organization.id, {
      staffSignInProvider: "google",
      googleHostedDomain: null,
    });

    expect(await emailLinkMaySignIn(db, teacher.user.email, ALL)).toBe(false);
    expect(await requiredSsoProviderFor(db, teacher.user.email, CONFIGURED)).toEqual({ id: "google", name: "google" });
    expect(await decide("google", claimsFor("google", teacher.user.email))).toMatchObject({ allow: true });
    expect(await decide("oidc", claimsFor("oidc", teacher.user.email))).toMatchObject({ allow: false });

    expect(await emailLinkMaySignIn(db, admin.email, ALL)).toBe(true);
    expect(await requiredSsoProviderFor(db, admin.email, CONFIGURED)).toBeUndefined();
    expect(await decide("oidc", claimsFor("oidc", admin.email))).toMatchObject({ allow: true });
    // An unknown address is told nothing.
    expect(await requiredSsoProviderFor(db, `nobody-${unique()}@x.test`, CONFIGURED)).toBeUndefined();
  });

  it("falls back to every way when the required provider is no longer configured on the server", async () => {
    const { organization } = await makeOrganization();
    const teacher = await makeAcceptedStaff(organization.id);
    await updateOrganizationSignInSettings(db, organization.id, {
      staffSignInProvider: "clever",
      googleHostedDomain: null,
    });
    const withoutClever = ALL.filter((id) => id !== "clever");
    expect(await emailLinkMaySignIn(db, teacher.user.email, withoutClever)).toBe(true);
    expect(
      await requiredSsoProviderFor(
        db,
        teacher.user.email,
        CONFIGURED.filter((p) => p.id !== "clever"),
      ),
    ).toBeUndefined();
  });
});

describe("accepting an invitation through a provider", () => {
  async function invited() {
    const { organization, admin } = await makeOrganization();
    const record = await makeStaff(organization.id, { email: `ana.${unique()}@district.test` });
    await sendInvitations(db, organization.id, {
      staffIds: [record.id],
      sentBy: { userId: admin.userId, email: admin.email, name: "Dana Admin" },
    });
    return { organization, record, token: await mailedToken(record.email) };
  }

  it("accepts when the provider's verified address is the invited one, and links that account", async () => {
    const { record, token } = await invited();
    const claims = claimsFor("microsoft-entra-id", record.email.toUpperCase());
    const decision = await decide("microsoft-entra-id", claims, token);
    expect(decision).toMatchObject({ allow: true, acceptedInvitation: true, linked: true });
    const [invitation] = await db.select().from(invitations).where(eq(invitations.staffId, record.id));
    expect(invitation?.acceptedAt).not.toBeNull();
    if (!decision.allow) throw new Error("refused");
    // Auth.js starts the session; accepting here started none.
    expect(await db.select().from(sessions).where(eq(sessions.userId, decision.userId))).toEqual([]);
    expect(
      await db.select({ provider: accounts.provider }).from(accounts).where(eq(accounts.userId, decision.userId)),
    ).toEqual([{ provider: "microsoft-entra-id" }]);
  });

  it("refuses another account's address with the invitation's page, names neither, keeps the link open", async () => {
    const { organization, record, token } = await invited();
    const someoneElse = `someone-${unique()}@district.test`;
    const decision = await decide("google", claimsFor("google", someoneElse), token);
    expect(decision).toEqual({
      allow: false,
      redirect: `/invite/${token}?sso=other-account`,
      reason: "invitation_other_account",
    });
    expect(decision.allow ? "" : decision.redirect).not.toContain("@");
    const [invitation] = await db.select().from(invitations).where(eq(invitations.staffId, record.id));
    expect(invitation?.acceptedAt).toBeNull();
    expect(await rowCounts(someoneElse)).toEqual({ users: 0, accounts: 0 });
    const [audit] = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, organization.id), eq(auditLog.action, "invitation.accept_failed")))
      .orderBy(asc(auditLog.id));
    expect(audit?.details).toMatchObject({ reason: "other_email" });
    // The right account still can.
    expect(await decide("google", claimsFor("google", record.email), token)).toMatchObject({ allow: true });
  });

  it("refuses an unverified address before looking at the invitation, and a used link goes to its page", async () => {
    const { record, token } = await invited();
    expect(await decide("clever", claimsFor("clever", record.email, { email_verified: false }), token)).toMatchObject({
      allow: false,
      redirect: SSO_UNVERIFIED_PATH,
    });
    expect(await decide("clever", claimsFor("clever", record.email), token)).toMatchObject({ allow: true });
    expect(await decide("clever", claimsFor("clever", record.email, { sub: "other-clever-id" }), token)).toMatchObject({
      allow: false,
      redirect: `/invite/${token}`,
    });
  });

  it("accepts only through the organization's required provider", async () => {
    const { organization, record, token } = await invited();
    await updateOrganizationSignInSettings(db, organization.id, {
      staffSignInProvider: "classlink",
      googleHostedDomain: null,
    });
    expect(await decide("google", claimsFor("google", record.email), token)).toMatchObject({
      allow: false,
      reason: "invitation_not_this_way",
    });
    expect(await decide("classlink", claimsFor("classlink", record.email), token)).toMatchObject({ allow: true });
  });
});

describe("saveSignInSettings", () => {
  it("refuses a provider that is not configured and a domain with an @, saving nothing", async () => {
    const { organization, admin } = await makeOrganization();
    await expect(
      saveSignInSettings(db, organization.id, admin.userId, { staffSignInProvider: "myspace", googleHostedDomain: "" }),
    ).rejects.toThrow(UserFacingError);
    await expect(
      saveSignInSettings(db, organization.id, admin.userId, {
        staffSignInProvider: "",
        googleHostedDomain: "@riverside.org",
      }),
    ).rejects.toThrow("Enter a domain such as yourdistrict.k12.us");
    await saveSignInSettings(db, organization.id, admin.userId, {
      staffSignInProvider: "",
      googleHostedDomain: " Riverside.K12.us ",
    });
    const { getOrganizationSignInSettings } = await import("@/db/queries/sso");
    expect(await getOrganizationSignInSettings(db, organization.id)).toEqual({
      staffSignInProvider: null,
      googleHostedDomain: "riverside.k12.us",
    });
  });
});
