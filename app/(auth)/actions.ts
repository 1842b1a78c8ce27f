"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { CHECK_EMAIL_PATH, signIn, signOut } from "@/lib/auth/auth";
import { requestIp } from "@/lib/auth/sign-in-policy";
import { consumeSignInLinkRequest, signInLinkBlocked } from "@/lib/auth/sign-in-rate-limits";
import { findSsoProvider } from "@/lib/auth/sso-providers";
import { requiredSsoProviderFor } from "@/lib/auth/sso-sign-in";
import { errorReference, log } from "@/lib/log";
import { emailSchema } from "@/lib/validation";

const requestLinkSchema = z.object({ email: emailSchema });

export type RequestLinkState = {
  email?: string;
  errors?: { email?: string[] };
  message?: string;
  /** The address's organization has its staff sign in with this provider: no link is sent. */
  sso?: { id: string; name: string };
};

/**
 * Asks Auth.js for a magic link. Whether or not the address may sign in, the answer is the same
 * "check your inbox" page; the signIn callback decides whether a mail goes out.
 */
export async function requestSignInLinkAction(_prev: RequestLinkState, formData: FormData): Promise<RequestLinkState> {
  const raw = String(formData.get("email") ?? "");
  const parsed = requestLinkSchema.safeParse({ email: raw });
  if (!parsed.success) return { email: raw, errors: z.flattenError(parsed.error).fieldErrors };
  // Said before asking Auth.js (whose signIn callback counts requests): the limit counts every
  // address alike, so this tells nothing about who has an account.
  const blocked = await signInLinkBlocked(await getDb(), { email: parsed.data.email, ip: await requestIp() });
  if (!blocked.ok) {
    const minutes = Math.max(1, Math.ceil((blocked.retryAt.getTime() - Date.now()) / 60_000));
    return {
      email: raw,
      message:
        blocked.scope === "email"
          ? `Several sign-in links were sent to this address in the last few minutes. Use the newest one, or try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`
          : `Too many sign-in links were requested from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }
  // Staff of an organization that requires single sign-on are shown its button instead of a link
  // (docs/decisions.md "Single sign-on"); the answer counts against the same limits as a link.
  const db = await getDb();
  const required = await requiredSsoProviderFor(db, parsed.data.email);
  if (required) {
    await consumeSignInLinkRequest(db, { email: parsed.data.email, ip: await requestIp() });
    return { email: raw, sso: required };
  }
  try {
    await signIn("email", { email: parsed.data.email, redirect: false, redirectTo: "/" });
  } catch (error) {
    const id = errorReference();
    log.error("could not send a sign-in link", { reference: id, error });
    return { email: raw, message: `We could not send the sign-in email. Try again in a minute (reference ${id}).` };
  }
  redirect(CHECK_EMAIL_PATH);
}

/** A provider's button on the sign-in page: off to the provider, back through Auth.js's callback. */
export async function signInWithProviderAction(formData: FormData): Promise<void> {
  const provider = findSsoProvider(String(formData.get("provider") ?? ""));
  if (!provider) redirect("/sign-in");
  await signIn(provider.id, { redirectTo: "/" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
