import { escapeHtml } from "@/lib/mail/escape-html";
import { sendMail } from "@/lib/mail/send-mail";

/** How long a sign-in link works. */
export const MAGIC_LINK_MAX_AGE_SECONDS = 60 * 60;

/**
 * Auth.js hands us its callback URL (which signs in on GET). The mail links to our confirm page
 * instead, with the same parameters: opening it changes nothing until the person presses
 * "Sign in", so a mail scanner that follows links cannot use the link up.
 */
export function confirmUrlFor(callbackUrl: string): string {
  const callback = new URL(callbackUrl);
  const confirm = new URL("/sign-in/confirm", callback.origin);
  confirm.search = callback.search;
  return confirm.toString();
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
