"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/auth";
import { getSessionUser, homePathFor } from "@/lib/auth/guards";
import { signIn } from "@/lib/auth/auth";
import { setSessionCookie, usesHttps } from "@/lib/auth/session-cookie";
import { findSsoProvider } from "@/lib/auth/sso-providers";
import {
  SSO_INVITATION_COOKIE,
  SSO_INVITATION_COOKIE_MAX_AGE_SECONDS,
  SSO_INVITATION_COOKIE_PATH,
  staffSsoProviderOf,
} from "@/lib/auth/sso-sign-in";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { lookUpInvitation } from "@/lib/invitations/look-up-invitation";

const tokenSchema = z.string().min(1).max(200);

/**
 * The Accept button (a POST). On success the person is signed in and lands where they belong
 * (My classes); otherwise they come back to the link's page, which now says why.
 */
export async function acceptInvitationAction(formData: FormData): Promise<void> {
  const token = tokenSchema.safeParse(formData.get("token"));
  if (!token.success) redirect("/invite/invalid");
  const signedIn = await getSessionUser();
  const db = await getDb();
  // An organization whose staff sign in with a provider accepts only through it (the page shows
  // only that button; this holds for a hand-made POST too).
  const lookup = await lookUpInvitation(db, token.data);
  if (lookup.state === "open" && (await staffSsoProviderOf(db, lookup.invitation.organizationId)))
    redirect(`/invite/${encodeURIComponent(token.data)}`);
  const result = await acceptInvitation(db, token.data, signedIn);
  if (!result.ok) redirect(`/invite/${encodeURIComponent(token.data)}`);
  if (result.session) await setSessionCookie(result.session.sessionToken, result.session.expires);
  redirect((await homePathFor({ id: result.userId, email: signedIn?.email ?? "" })) ?? "/my-classes");
}

/**
 * "Accept with <provider>": remembers the invitation for ten minutes in an http-only cookie that
 * only Auth.js's callback receives, and goes to the provider. Back in the callback, the invitation
 * is accepted only if the provider's verified address is the invited one (lib/auth/sso-sign-in.ts).
 */
export async function acceptWithProviderAction(formData: FormData): Promise<void> {
  const token = tokenSchema.safeParse(formData.get("token"));
  if (!token.success) redirect("/invite/invalid");
  const provider = findSsoProvider(String(formData.get("provider") ?? ""));
  if (!provider) redirect(`/invite/${encodeURIComponent(token.data)}`);
  (await cookies()).set(SSO_INVITATION_COOKIE, token.data, {
    httpOnly: true,
    sameSite: "lax", // sent on the provider's redirect back (a top-level GET)
    secure: await usesHttps(),
    path: SSO_INVITATION_COOKIE_PATH,
    maxAge: SSO_INVITATION_COOKIE_MAX_AGE_SECONDS,
  });
  await signIn(provider.id, { redirectTo: "/" });
}

/** Someone signed in with another email signs out and comes back to the same link. */
export async function signOutToAcceptAction(formData: FormData): Promise<void> {
  const token = tokenSchema.safeParse(formData.get("token"));
  await signOut({ redirectTo: token.success ? `/invite/${encodeURIComponent(token.data)}` : "/sign-in" });
}
