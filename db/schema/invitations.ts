import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizationIdColumn } from "./columns";
import { staff } from "./roster";

/**
 * An invitation email to a staff member. Only the SHA-256 of the link's token is stored; the
 * link is single use, expires, and a resend revokes the earlier one.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: organizationIdColumn(),
    staffId: bigint({ mode: "number" })
      .notNull()
      .references(() => staff.id),
    email: text().notNull(),
    tokenHash: text().notNull(),
    sentByUserId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    sendFailedAt: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedUserId: text().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_org_staff_idx").on(t.organizationId, t.staffId),
  ],
);
