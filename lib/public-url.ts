import { env } from "@/lib/env";

// The app's public address, the one base of every link RosterSync mails (a sign-in link, an
// invitation, a held or missed import alert). It comes from configuration only, never from a
// request's Host or X-Forwarded-Host: a request can say anything there, and a sign-in link to a
// host the sender chose hands them the token (README "Found and fixed"). AUTH_URL is required
// in production (lib/startup-check.ts); elsewhere a local server is assumed.

/** The origin links point at: AUTH_URL's origin, else http://localhost:$PORT (development, tests). */
export function publicBaseUrl(): string {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  return `http://localhost:${process.env.PORT || 3000}`;
}

/** An absolute link to this path (and query) of the app. */
export function publicUrl(pathAndQuery: string): string {
  if (!pathAndQuery.startsWith("/") || pathAndQuery.startsWith("//"))
    throw new Error("publicUrl takes a path of the app, starting with a single /");
  return new URL(pathAndQuery, publicBaseUrl()).toString();
}

/**
 * A path of this app to return to after signing in, from a value a request chose (Auth.js's
 * `callbackUrl`): an absolute URL on the public address keeps its path; anything else (another
 * host, `//evil`, `javascript:`, control characters) becomes "/".
 */
export function safeAppPath(value: string | null | undefined): string {
  if (!value || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  try {
    const base = publicBaseUrl();
    const url = new URL(value, base);
    if (url.origin !== base) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
