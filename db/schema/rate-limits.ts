import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Fixed-window counters of rate-limiter-flexible's Drizzle store (RateLimiterDrizzle): one row
 * per key, e.g. "invitations:org:<id>". Not district data: a key names what it counts.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  points: integer().notNull().default(0),
  expire: timestamp({ mode: "date", withTimezone: true }),
});
