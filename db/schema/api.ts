import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizationIdColumn } from "./columns";

/** Per-organization tokens for the push API. Shown once; only the SHA-256 is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: organizationIdColumn(),
    name: text().notNull(),
    tokenHash: text().notNull(),
    /** The first characters of the token, to tell tokens apart in Settings. */
    tokenPrefix: text().notNull(),
    createdByUserId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    /** Imports pushed in the current rate window (one hour from rateWindowStartedAt). */
    rateWindowStartedAt: timestamp({ withTimezone: true }),
    rateWindowCount: integer().notNull().default(0),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash), index("api_tokens_org_idx").on(t.organizationId)],
);
