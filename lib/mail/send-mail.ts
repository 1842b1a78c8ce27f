import { Resend } from "resend";
import { getDb } from "@/db/client";
import { emailOutbox } from "@/db/schema/mail";
import { env, mailTransport } from "@/lib/env";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** "sign-in", "invitation", ...: what the mail is for. */
  category: string;
  organizationId?: string;
  /** Passed to Resend so a retried send is delivered once. */
  idempotencyKey?: string;
};

export type SentMail = { id: string; transport: "resend" | "outbox" };

/** A mail that could not be handed to the mail service. Its message is safe to show. */
export class MailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MailError";
  }
}

/**
 * Sends one mail: through Resend when mail is delivered (lib/env.ts mailTransport), otherwise
 * into the outbox table (read by /dev/outbox and `rostersync outbox`).
 */
export async function sendMail(message: MailMessage, options: { attempts?: number } = {}): Promise<SentMail> {
  if (mailTransport() === "resend" && env.RESEND_API_KEY)
    return sendWithResend(env.RESEND_API_KEY, message, options.attempts ?? ATTEMPTS);
  return storeInOutbox(message);
}

let resendClient: Resend | undefined;

/** Answers from Resend that mean "not now": its per-team rate limit, or the same key in flight. */
const RETRY_LATER = new Set(["rate_limit_exceeded", "concurrent_idempotent_requests"]);
const ATTEMPTS = 3;

/** `attempts`: tries here (1 from the mail queue, which retries with its own backoff). */
async function sendWithResend(apiKey: string, message: MailMessage, attempts: number): Promise<SentMail> {
  const resend = (resendClient ??= new Resend(apiKey));
  for (let attempt = 1; ; attempt += 1) {
    const { data, error } = await resend.emails.send(
      {
        from: env.MAIL_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      },
      message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : undefined,
    );
    if (data && !error) return { id: data.id, transport: "resend" };
    // Resend allows a few requests a second per team: a bulk send waits and tries again (the
    // idempotency key, when given, keeps a retry from delivering twice).
    if (error && (RETRY_LATER.has(error.name) || error.statusCode === 429) && attempt < attempts) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      continue;
    }
    throw new MailError(`The mail service refused the message to ${message.to}: ${error?.message ?? "no answer"}`, {
      cause: error,
    });
  }
}

async function storeInOutbox(message: MailMessage): Promise<SentMail> {
  const db = await getDb();
  const [row] = await db
    .insert(emailOutbox)
    .values({
      to: message.to.trim().toLowerCase(), // as listOutbox looks it up
      from: env.MAIL_FROM,
      subject: message.subject,
      text: message.text,
      html: message.html ?? null,
      category: message.category,
      organizationId: message.organizationId ?? null,
      idempotencyKey: message.idempotencyKey ?? null,
    })
    .returning({ id: emailOutbox.id });
  if (!row) throw new MailError("The outbox did not store the message");
  return { id: row.id, transport: "outbox" };
}
