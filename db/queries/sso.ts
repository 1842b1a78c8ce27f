import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accounts, users } from "@/db/schema/auth";
import { memberships } from "@/db/schema/memberships";
import { organizations } from "@/db/schema/organizations";
import { staff } from "@/db/schema/roster";
import { membershipIsUsable, membershipStaff } from "./memberships";

export type SignInMembership = {
  organizationId: string;
  role: "admin" | "staff";
  staffSignInProvider: string | null;
  googleHostedDomain: string | null;
};

/**
 * The user with this address (stored lower-cased) and the memberships that let them in (admin, or
 * active staff), with their organizations' sign-in settings. Null when no user has the address.
 */
export async function findUserForSignIn(
  db: Executor,
  email: string,
): Promise<{ userId: string; memberships: SignInMembership[] } | null> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  if (!user) return null;
  const rows = await db
    .select({
      organizationId: memberships.organizationId,
      role: memberships.role,
      staffSignInProvider: organizations.staffSignInProvider,
      googleHostedDomain: organizations.googleHostedDomain,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .leftJoin(staff, membershipStaff)
    .where(and(eq(memberships.userId, user.id), membershipIsUsable));
  return { userId: user.id, memberships: rows };
}

/** The user a provider's account is linked to, if it is. */
export async function findLinkedUserId(
  db: Executor,
  provider: string,
  providerAccountId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)))
    .limit(1);
  return row?.userId;
}

/**
 * Links a provider's account to a user, as Auth.js's adapter would, but with no tokens: RosterSync
 * calls no provider API, so it keeps none. Linking twice (two tabs at once) is harmless.
 */
export async function linkProviderAccount(
  db: Executor,
  values: { userId: string; provider: string; providerAccountId: string },
): Promise<void> {
  await db
    .insert(accounts)
    .values({ ...values, type: "oidc" })
    .onConflictDoNothing({ target: [accounts.provider, accounts.providerAccountId] });
}

export type OrganizationSignInSettings = { staffSignInProvider: string | null; googleHostedDomain: string | null };

export async function getOrganizationSignInSettings(
  db: Executor,
  organizationId: string,
): Promise<OrganizationSignInSettings> {
  const [row] = await db
    .select({
      staffSignInProvider: organizations.staffSignInProvider,
      googleHostedDomain: organizations.googleHostedDomain,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row ?? { staffSignInProvider: null, googleHostedDomain: null };
}

export async function updateOrganizationSignInSettings(
  db: Executor,
  organizationId: string,
  values: OrganizationSignInSettings,
): Promise<void> {
  await db.update(organizations).set(values).where(eq(organizations.id, organizationId));
}
