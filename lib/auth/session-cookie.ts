import "server-only";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * Sets Auth.js's session cookie for a session created outside Auth.js (accepting an invitation).
 * Name and options follow Auth.js's defaults (`@auth/core` defaultCookies): `__Secure-` prefix and
 * `Secure` when the app's URL is https — AUTH_URL when set, else the request's protocol.
 */
export async function setSessionCookie(sessionToken: string, expires: Date): Promise<void> {
  const secure = await usesHttps();
  (await cookies()).set(sessionCookieName(secure), sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    expires,
  });
}

export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}authjs.session-token`;
}

export async function usesHttps(): Promise<boolean> {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).protocol === "https:";
  const forwarded = (await headers()).get("x-forwarded-proto");
  return forwarded?.split(",")[0]?.trim() === "https";
}
