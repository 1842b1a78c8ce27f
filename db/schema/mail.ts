import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

/**
 * Mail kept by the dev outbox transport (used when RESEND_API_KEY is not set). Sign-in mail
 * belongs to a person rather than an organization, so organization_id is optional here.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().references(() => organizations.id, { onDelete: "cascade" }),
    to: text().notNull(),
    from: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    /** "sign-in", "invitation", ... */
    category: text().notNull(),
    idempotencyKey: text(),
    // clock_timestamp(), not now(): two mails sent in one transaction still sort in order.
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [index("email_outbox_to_created_idx").on(t.to, t.createdAt.desc())],
);
