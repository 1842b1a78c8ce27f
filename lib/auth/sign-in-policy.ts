import { getDb } from "@/db/client";
import { emailMaySignIn } from "@/db/queries/memberships";

export const CHECK_EMAIL_PATH = "/sign-in/check-email";

/**
 * Auth.js `signIn` callback. When a link is requested (`verificationRequest`), an address that may
 * not sign in is sent to the same "check your inbox" page as everyone else, and no mail goes out.
 * When a link is used, access is checked again (the person may have been deactivated since).
 */
export async function signInPolicy({
  user,
  email,
}: {
  user: { email?: string | null };
  email?: { verificationRequest?: boolean };
}): Promise<boolean | string> {
  const allowed = user.email ? await emailMaySignIn(await getDb(), user.email) : false;
  if (email?.verificationRequest) return allowed ? true : CHECK_EMAIL_PATH;
  return allowed;
}
