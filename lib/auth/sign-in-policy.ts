import { getDb } from "@/db/client";
import { clientIp } from "./client-ip";
import { consumeSignInLinkRequest } from "./sign-in-rate-limits";
import { emailLinkMaySignIn } from "./sso-sign-in";

export const CHECK_EMAIL_PATH = "/sign-in/check-email";

/**
 * Auth.js `signIn` callback. When a link is requested (`verificationRequest`), an address that may
 * not sign in is sent to the same "check your inbox" page as everyone else, and no mail goes out.
 * When a link is used, access is checked again (the person may have been deactivated since).
 * Every link request, for any address, counts against the address's and the client IP's limit
 * (sign-in-rate-limits.ts); over a limit the answer is the same page and no mail goes out. This
 * callback also guards Auth.js's own POST /api/auth/signin/email, not only the sign-in form.
 */
export async function signInPolicy({
  user,
  email,
}: {
  user: { email?: string | null };
  email?: { verificationRequest?: boolean };
}): Promise<boolean | string> {
  const db = await getDb();
  if (email?.verificationRequest && user.email) {
    const rate = await consumeSignInLinkRequest(db, { email: user.email, ip: await requestIp() });
    if (!rate.ok) return CHECK_EMAIL_PATH;
  }
  // Staff of an organization that requires single sign-on get no link (sso-sign-in.ts).
  const allowed = user.email ? await emailLinkMaySignIn(db, user.email) : false;
  if (email?.verificationRequest) return allowed ? true : CHECK_EMAIL_PATH;
  return allowed;
}

/** The client IP of the current request; null outside a request (CLI, tests without headers). */
export async function requestIp(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    return clientIp(await headers());
  } catch {
    return null;
  }
}
