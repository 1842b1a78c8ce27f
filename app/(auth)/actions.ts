"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { CHECK_EMAIL_PATH, signIn, signOut } from "@/lib/auth/auth";
import { emailSchema } from "@/lib/validation";

const requestLinkSchema = z.object({ email: emailSchema });

export type RequestLinkState = { email?: string; errors?: { email?: string[] }; message?: string };

/**
 * Asks Auth.js for a magic link. Whether or not the address may sign in, the answer is the same
 * "check your inbox" page; the signIn callback decides whether a mail goes out.
 */
export async function requestSignInLinkAction(_prev: RequestLinkState, formData: FormData): Promise<RequestLinkState> {
  const raw = String(formData.get("email") ?? "");
  const parsed = requestLinkSchema.safeParse({ email: raw });
  if (!parsed.success) return { email: raw, errors: z.flattenError(parsed.error).fieldErrors };
  try {
    await signIn("email", { email: parsed.data.email, redirect: false, redirectTo: "/" });
  } catch (error) {
    const id = crypto.randomUUID().slice(0, 8);
    console.error(`[sign-in ${id}] could not send a sign-in link`, error);
    return { email: raw, message: `We could not send the sign-in email. Try again in a minute (reference ${id}).` };
  }
  redirect(CHECK_EMAIL_PATH);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
