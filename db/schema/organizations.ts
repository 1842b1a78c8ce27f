import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const organizations = pgTable(
  "organizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    slug: text().notNull(),
    /** IANA time zone used to show times and to decide when a nightly import is due. */
    timeZone: text().notNull().default("America/Chicago"),
    /** An import that would deactivate or end more than this share (per type) is held. */
    deactivationThresholdPercent: integer().notNull().default(10),
    // Retention, in months (Settings → Data & privacy; lib/privacy/prune-retained.ts). The nightly
    // housekeeping deletes what is older: finished imports with their issues and change samples,
    // undo data, audit entries, and people deactivated for longer than this.
    importHistoryRetentionMonths: integer().notNull().default(12),
    undoRetentionMonths: integer().notNull().default(12),
    auditRetentionMonths: integer().notNull().default(24),
    deactivatedPeopleRetentionMonths: integer().notNull().default(12),
    /**
     * Staff sign in only with this single sign-on provider (its id, e.g. "google"); null: any way.
     * Never applies to admins (lib/auth/sso-sign-in.ts).
     */
    staffSignInProvider: text(),
    /** Google sign-ins for this organization must come from this Workspace domain (the `hd` claim). */
    googleHostedDomain: text(),
    /**
     * Multi-file sets (SDS v1): a teacher with a plain username and no email gets
     * username + this domain (e.g. "@district.org") as email. Null: such a teacher is a row issue.
     */
    usernameEmailDomain: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organizations_slug_key").on(t.slug),
    check("organizations_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    check("organizations_threshold_range", sql`${t.deactivationThresholdPercent} between 0 and 100`),
    check(
      "organizations_retention_range",
      sql`${t.importHistoryRetentionMonths} between 1 and 120 and ${t.undoRetentionMonths} between 1 and 120 and ${t.auditRetentionMonths} between 1 and 120 and ${t.deactivatedPeopleRetentionMonths} between 1 and 120`,
    ),
  ],
);
