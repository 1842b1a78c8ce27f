import { escapeHtml } from "@/lib/mail/escape-html";
import { sendMail } from "@/lib/mail/send-mail";
import { publicUrl, safeAppPath } from "@/lib/public-url";

/** How long a sign-in link works. */
export const MAGIC_LINK_MAX_AGE_SECONDS = 60 * 60;

/**
 * Auth.js hands us its callback URL (which signs in on GET). The mail links to our confirm page
 * instead, with the same token and address: opening it changes nothing until the person presses
 * "Sign in", so a mail scanner that follows links cannot use the link up. The link is on the
 * configured public address (lib/public-url.ts), whatever host Auth.js took from the request, and
 * the page to return to is a path of this app.
 */
export function confirmUrlFor(callbackUrl: string): string {
  const callback = new URL(callbackUrl).searchParams;
  const confirm = new URLSearchParams({
    token: callback.get("token") ?? "",
    email: callback.get("email") ?? "",
    callbackUrl: safeAppPath(callback.get("callbackUrl")),
  });
  return publicUrl(`/sign-in/confirm?${confirm}`);
}

export async function sendSignInLink({ identifier, url, expires }: { identifier: string; url: string; expires: Date }) {
  const link = confirmUrlFor(url);
  const minutes = Math.round((expires.getTime() - Date.now()) / 60000);
  const text = [
    "Hello,",
    "",
    "Use this link to sign in to RosterSync:",
    link,
    "",
    `The link works once and expires in ${minutes} minutes.`,
    "If you did not ask to sign in, you can ignore this email.",
  ].join("\n");
  const html = `<p>Hello,</p><p><a href="${escapeHtml(link)}">Sign in to RosterSync</a></p><p>The link works once and expires in ${minutes} minutes. If you did not ask to sign in, you can ignore this email.</p>`;
  await sendMail({ to: identifier, subject: "Your RosterSync sign-in link", text, html, category: "sign-in" });
}
