import { escapeHtml } from "@/lib/mail/escape-html";
import { INVITATION_TTL_DAYS } from "./invitation-token";

export type InvitationMailInput = {
  organizationName: string;
  /** The inviting admin: their name when known, else their email. */
  inviter: string;
  firstName: string;
  link: string;
  expiresAt: Date;
  timeZone: string;
};

/** Subject, plain text and HTML of an invitation: names the district and the admin, one link. */
export function invitationMail(input: InvitationMailInput): { subject: string; text: string; html: string } {
  const expires = new Intl.DateTimeFormat("en-US", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: input.timeZone,
  }).format(input.expiresAt);
  const subject = `${input.inviter} invited you to ${input.organizationName} on RosterSync`;
  const text = [
    `Hello ${input.firstName},`,
    "",
    `${input.inviter} invited you to see your class rosters for ${input.organizationName} on RosterSync.`,
    "",
    "Open this link and press Accept:",
    input.link,
    "",
    `The link works once and expires in ${INVITATION_TTL_DAYS} days (${expires}). If it has expired, ask your district admin to resend it.`,
    "If you were not expecting this email, you can ignore it.",
  ].join("\n");
  const e = escapeHtml;
  const html = [
    `<p>Hello ${e(input.firstName)},</p>`,
    `<p>${e(input.inviter)} invited you to see your class rosters for <strong>${e(input.organizationName)}</strong> on RosterSync.</p>`,
    `<p><a href="${e(input.link)}">Accept the invitation</a></p>`,
    `<p>The link works once and expires in ${INVITATION_TTL_DAYS} days (${e(expires)}). If it has expired, ask your district admin to resend it.</p>`,
    "<p>If you were not expecting this email, you can ignore it.</p>",
  ].join("\n");
  return { subject, text, html };
}
