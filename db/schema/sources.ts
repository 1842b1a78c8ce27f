import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { importKind, imports } from "./imports";
import { organizationIdColumn } from "./columns";

export const sourceType = pgEnum("source_type", ["folder", "url"]);

/** Where the nightly job finds an organization's files. */
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
    lastImportId: uuid().references(() => imports.id, { onDelete: "set null" }),
    lastContentSha256: text(),
    missedAlertSentOn: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("nightly_sources_org_idx").on(t.organizationId),
    check(
      "nightly_sources_location",
      sql`(${t.type} = 'folder' and ${t.folderPath} is not null) or (${t.type} = 'url' and ${t.url} is not null)`,
    ),
  ],
);
