import { env } from "@/lib/env";

/**
 * Settings the server cannot run without, checked when it starts so the operator reads one clear
 * message instead of a 500 from /api/auth on the first sign-in. Answers the problems found.
 */
export function startupProblems(vars: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  if (!env.AUTH_SECRET) {
    problems.push(
      "AUTH_SECRET is not set. Run `npx rostersync env:init`, or set it to the output of `openssl rand -base64 32`.",
    );
  }
  // Every mailed link is built from AUTH_URL (lib/public-url.ts), never from a request's headers.
  if (env.NODE_ENV === "production" && !env.AUTH_URL) {
    problems.push(
      `AUTH_URL is not set. Set it to the app's public URL (e.g. https://rosters.district.org): every link RosterSync mails (sign-in, invitations, alerts) is built from it${vars.VERCEL ? " (on Vercel, your production domain)" : ""}.`,
    );
  }
  if (env.MAIL_TRANSPORT === "resend" && !env.RESEND_API_KEY) {
    problems.push("MAIL_TRANSPORT=resend needs RESEND_API_KEY (your Resend API key).");
  }
  if (env.NODE_ENV === "production" && !env.RESEND_API_KEY && env.MAIL_TRANSPORT !== "outbox") {
    problems.push(
      "No mail transport: set RESEND_API_KEY to deliver mail through Resend. To run without delivering any mail (it is kept in the outbox table, read with `npx rostersync outbox`), set MAIL_TRANSPORT=outbox.",
    );
  }
  return problems;
}
