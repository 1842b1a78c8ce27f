import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { importKind, imports } from "./imports";
import { organizationIdColumn } from "./columns";

export const sourceType = pgEnum("source_type", ["folder", "url"]);

/**
 * Where the nightly job finds an organization's files. A folder is a path below the drop root's
 * folder for the organization (`$NIGHTLY_DROP_ROOT/<slug>/<folder_path>`); a URL is HTTPS only.
 */
export const nightlySources = pgTable(
  "nightly_sources",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: organizationIdColumn(),
    name: text().notNull(),
    kind: importKind().notNull(),
    type: sourceType().notNull(),
    folderPath: text(),
    filePattern: text(),
    url: text(),
    credentialHeaderName: text(),
    /** Encrypted with a key from the environment; never shown again. */
    credentialHeaderValueEncrypted: text(),
    /** "HH:MM" in `timeZone`. */
    expectedTime: text().notNull().default("06:00"),
    timeZone: text().notNull(),
    graceMinutes: integer().notNull().default(120),
    enabled: boolean().notNull().default(true),
    lastCheckedAt: timestamp({ withTimezone: true }),
    /** What the last pull found: "imported", "no_file", "error" (with lastMessage). */
    lastOutcome: text(),
    lastMessage: text(),
    lastImportId: uuid().references(() => imports.id, { onDelete: "set null" }),
    /** When a file was last taken from this source (the import was recorded). */
    lastImportAt: timestamp({ withTimezone: true }),
    lastContentSha256: text(),
    /** The local date (in `timeZone`) of the cycle whose missed-import mail went out. */
    missedAlertSentOn: date(),
    /** A pull holds the source until this time (a claimed-row lease): overlapping calls skip it. */
    leaseUntil: timestamp({ withTimezone: true }),
    leaseToken: uuid(),
    createdByUserId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("nightly_sources_org_idx").on(t.organizationId),
    uniqueIndex("nightly_sources_org_name_key").on(t.organizationId, t.name),
    check(
      "nightly_sources_location",
      sql`(${t.type} = 'folder' and ${t.folderPath} is not null) or (${t.type} = 'url' and ${t.url} is not null)`,
    ),
  ],
);
