"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/auth";
import { getSessionUser, homePathFor } from "@/lib/auth/guards";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";

const tokenSchema = z.string().min(1).max(200);

/**
 * The Accept button (a POST). On success the person is signed in and lands where they belong
 * (My classes); otherwise they come back to the link's page, which now says why.
 */
export async function acceptInvitationAction(formData: FormData): Promise<void> {
  const token = tokenSchema.safeParse(formData.get("token"));
  if (!token.success) redirect("/invite/invalid");
  const signedIn = await getSessionUser();
  const result = await acceptInvitation(await getDb(), token.data, signedIn);
  if (!result.ok) redirect(`/invite/${encodeURIComponent(token.data)}`);
  if (result.session) await setSessionCookie(result.session.sessionToken, result.session.expires);
  redirect((await homePathFor({ id: result.userId, email: signedIn?.email ?? "" })) ?? "/my-classes");
}

/** Someone signed in with another email signs out and comes back to the same link. */
export async function signOutToAcceptAction(formData: FormData): Promise<void> {
  const token = tokenSchema.safeParse(formData.get("token"));
  await signOut({ redirectTo: token.success ? `/invite/${encodeURIComponent(token.data)}` : "/sign-in" });
}
