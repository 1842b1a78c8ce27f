import type { Database } from "@/db/client";
import { getDb } from "@/db/client";
import {
  findLinkedUserId,
  findUserForSignIn,
  getOrganizationSignInSettings,
  linkProviderAccount,
  type SignInMembership,
} from "@/db/queries/sso";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { lookUpInvitation } from "@/lib/invitations/look-up-invitation";
import { configuredSsoProviders, type SsoProviderId } from "./sso-providers";
import { verifiedEmailFrom } from "./sso-verified-email";

// Who may sign in through a single sign-on provider, and how its account is linked to a user
// (docs/decisions.md "Single sign-on"). The rule is the emailed link's: an admin, or an active
// staff member who accepted an invitation, found by the address, here the one the provider
// verified. Auth.js's email account linking (allowDangerousEmailAccountLinking) is not used: we
// link the provider's account to that user ourselves before Auth.js looks, so Auth.js finds the
// link and starts a database session for the same user the emailed link would sign in.

/** The neutral page every refused sign-in gets (the same as for an address with no access). */
export const SSO_REFUSED_PATH = "/sign-in/error?error=AccessDenied";
/** The provider vouched for no address, or for one it did not verify. */
export const SSO_UNVERIFIED_PATH = "/sign-in/error?error=UnverifiedEmail";

/** Holds the invitation being accepted through a provider, from the button to the provider's callback. */
export const SSO_INVITATION_COOKIE = "rostersync.sso-invitation";
export const SSO_INVITATION_COOKIE_PATH = "/api/auth/callback";
export const SSO_INVITATION_COOKIE_MAX_AGE_SECONDS = 10 * 60;

export type SignInWay = { provider: "email" } | { provider: SsoProviderId; hostedDomain: string | null };

/**
 * Whether a membership lets its person in this way. An organization's Google Workspace domain
 * holds for Google sign-ins of all its members. "Staff sign in only with X" holds for staff, never
 * admins, and only while X is configured on the server (a setting left behind never locks anyone out).
 */
export function membershipAllows(
  membership: SignInMembership,
  way: SignInWay,
  configured: readonly string[] = configuredSsoProviders().map((p) => p.id),
): boolean {
  if (way.provider === "google" && membership.googleHostedDomain && membership.googleHostedDomain !== way.hostedDomain)
    return false;
  if (membership.role === "admin") return true;
  const required = membership.staffSignInProvider;
  return !required || !configured.includes(required) || required === way.provider;
}

/** Whether an emailed link may be sent to this address (the signIn callback's rule for links). */
export async function emailLinkMaySignIn(db: Database, email: string, configured?: readonly string[]) {
  const found = await findUserForSignIn(db, email);
  return Boolean(found?.memberships.some((m) => membershipAllows(m, { provider: "email" }, configured)));
}

/**
 * The provider this address must sign in with, when it may sign in but not by an emailed link
 * (staff of an organization that requires single sign-on); otherwise undefined.
 */
export async function requiredSsoProviderFor(
  db: Database,
  email: string,
  configured = configuredSsoProviders(),
): Promise<{ id: SsoProviderId; name: string } | undefined> {
  const found = await findUserForSignIn(db, email);
  const ids = configured.map((p) => p.id);
  if (!found || found.memberships.some((m) => membershipAllows(m, { provider: "email" }, ids))) return undefined;
  const required = found.memberships.find((m) => m.role === "staff" && ids.includes(m.staffSignInProvider as never));
  return configured.find((p) => p.id === required?.staffSignInProvider);
}

export type SsoSignIn = {
  provider: SsoProviderId;
  providerAccountId: string;
  claims: Record<string, unknown>;
  /** The invitation being accepted through this sign-in, if any. */
  invitationToken?: string | null;
};

export type SsoDecision =
  | { allow: true; userId: string; linked: boolean; acceptedInvitation: boolean }
  | { allow: false; redirect: string; reason: string };

/**
 * Decides a sign-in through a provider. Refusals create nothing (no user, no account, no session);
 * an accepted sign-in links the provider's account to the user when it is not yet.
 */
export async function decideSsoSignIn(
  db: Database,
  signIn: SsoSignIn,
  configured: readonly string[] = configuredSsoProviders().map((p) => p.id),
): Promise<SsoDecision> {
  const verified = verifiedEmailFrom(signIn.provider, signIn.claims);
  if (!verified.ok) return { allow: false, redirect: SSO_UNVERIFIED_PATH, reason: verified.reason };
  const way: SignInWay = { provider: signIn.provider, hostedDomain: verified.hostedDomain };

  let acceptedInvitation = false;
  if (signIn.invitationToken) {
    const token = signIn.invitationToken;
    const invitationPage = `/invite/${encodeURIComponent(token)}`;
    const lookup = await lookUpInvitation(db, token);
    // A link that no longer works: its page says why.
    if (lookup.state !== "open")
      return { allow: false, redirect: invitationPage, reason: `invitation_${lookup.state}` };
    const { organizationId } = lookup.invitation;
    const settings = await getOrganizationSignInSettings(db, organizationId);
    // Not a way this organization's staff may sign in (another Workspace, another provider).
    if (!membershipAllows({ organizationId, role: "staff", ...settings }, way, configured))
      return { allow: false, redirect: `${invitationPage}?sso=other-account`, reason: "invitation_not_this_way" };
    if (verified.email !== lookup.invitation.email) {
      // Recorded like any other accept with the wrong address; the page names neither address.
      await acceptInvitation(db, token, { id: null, email: verified.email });
      return { allow: false, redirect: `${invitationPage}?sso=other-account`, reason: "invitation_other_account" };
    }
    const accepted = await acceptInvitation(db, token, null, { startSession: false });
    if (!accepted.ok) return { allow: false, redirect: invitationPage, reason: `invitation_${accepted.reason}` };
    acceptedInvitation = true;
  }

  const [linkedUserId, found] = await Promise.all([
    findLinkedUserId(db, signIn.provider, signIn.providerAccountId),
    findUserForSignIn(db, verified.email),
  ]);
  // A linked account now vouching for another person's address is not that person.
  if (linkedUserId && linkedUserId !== found?.userId)
    return { allow: false, redirect: SSO_REFUSED_PATH, reason: "linked_to_another_user" };
  if (!found?.memberships.some((m) => membershipAllows(m, way, configured)))
    return { allow: false, redirect: SSO_REFUSED_PATH, reason: "no_access" };
  if (!linkedUserId)
    await linkProviderAccount(db, {
      userId: found.userId,
      provider: signIn.provider,
      providerAccountId: signIn.providerAccountId,
    });
  return { allow: true, userId: found.userId, linked: !linkedUserId, acceptedInvitation };
}

/**
 * Auth.js `signIn` callback for provider sign-ins: true lets Auth.js start the session, a path
 * sends the person there instead. The invitation (if any) comes from the short-lived cookie the
 * invitation page's button set; it is used once.
 */
export async function ssoSignInCallback({
  account,
  profile,
}: {
  account: { provider: string; providerAccountId: string } | null;
  profile?: Record<string, unknown>;
}): Promise<boolean | string> {
  if (!account || !profile) return SSO_REFUSED_PATH;
  const provider = configuredSsoProviders().find((p) => p.id === account.provider);
  if (!provider) return SSO_REFUSED_PATH;
  const decision = await decideSsoSignIn(await getDb(), {
    provider: provider.id,
    providerAccountId: account.providerAccountId,
    claims: profile,
    invitationToken: await takeInvitationCookie(),
  });
  return decision.allow ? true : decision.redirect;
}

async function takeInvitationCookie(): Promise<string | null> {
  const { cookies } = await import("next/headers");
  const jar = await cookies();
  const token = jar.get(SSO_INVITATION_COOKIE)?.value ?? null;
  if (token) jar.delete({ name: SSO_INVITATION_COOKIE, path: SSO_INVITATION_COOKIE_PATH });
  return token;
}

/** The provider an organization's staff must sign in with, while it is configured; else undefined. */
export async function staffSsoProviderOf(
  db: Database,
  organizationId: string,
  configured = configuredSsoProviders(),
): Promise<{ id: SsoProviderId; name: string } | undefined> {
  const { staffSignInProvider } = await getOrganizationSignInSettings(db, organizationId);
  return configured.find((p) => p.id === staffSignInProvider);
}
