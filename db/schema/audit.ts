import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizationIdColumn } from "./columns";

/** Who did what, when: sign-ins, invitations, decisions on imports, settings changes. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    organizationId: organizationIdColumn(),
    actorUserId: text().references(() => users.id, { onDelete: "set null" }),
    /** "cli", "nightly", an API token's name — when no user acted. */
    actorLabel: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    details: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_org_created_idx").on(t.organizationId, t.createdAt.desc())],
);
