import { sql } from "drizzle-orm";
import { bigint, check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizationIdColumn } from "./columns";
import { staff } from "./roster";

export const membershipRole = pgEnum("membership_role", ["admin", "staff"]);

/**
 * A user's place in an organization. Admins are added by the operator (CLI) or another admin;
 * a staff membership is created when a teacher accepts an invitation and points at their staff
 * record, whose `active` flag then decides whether they may sign in.
 */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: organizationIdColumn(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole().notNull(),
    staffId: bigint({ mode: "number" }).references(() => staff.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("memberships_org_user_key").on(t.organizationId, t.userId),
    index("memberships_user_idx").on(t.userId),
    // A staff record's membership (its invitation status on the roster's Staff tab).
    index("memberships_org_staff_idx")
      .on(t.organizationId, t.staffId)
      .where(sql`${t.staffId} is not null`),
    check("memberships_staff_has_record", sql`${t.role} <> 'staff' or ${t.staffId} is not null`),
  ],
);
