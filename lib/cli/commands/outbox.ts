import { migrateDatabase } from "@/db/client";
import { UserFacingError } from "@/lib/errors";
import { listOutbox } from "@/lib/mail/outbox";
import type { Command } from "../command";

export const outbox: Command = {
  summary: "print the newest mail in the dev outbox and its link",
  usage: "outbox [--to EMAIL]",
  options: { to: { type: "string" } },
  async run({ values, out }) {
    const to = typeof values.to === "string" ? values.to : undefined;
    await migrateDatabase();
    const [message] = await listOutbox({ ...(to ? { to } : {}), limit: 1 });
    if (!message) {
      throw new UserFacingError(to ? `The outbox has no mail to ${to}` : "The outbox is empty", "outbox_empty");
    }
    const link = message.links[0] ?? null;
    out.result(
      {
        id: message.id,
        to: message.to,
        subject: message.subject,
        category: message.category,
        createdAt: message.createdAt.toISOString(),
        link,
        links: message.links,
        text: message.text,
      },
      [
        `To:      ${message.to}`,
        `Subject: ${message.subject}`,
        `Sent:    ${message.createdAt.toISOString()}`,
        `Link:    ${link ?? "(none)"}`,
      ],
    );
    return 0;
  },
};
