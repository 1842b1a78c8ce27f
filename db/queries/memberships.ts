import { and, asc, eq, inArray, notExists, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { sessions, users } from "@/db/schema/auth";
import { memberships } from "@/db/schema/memberships";
import { organizations } from "@/db/schema/organizations";
import { staff } from "@/db/schema/roster";

/** The staff record a membership points at, in the membership's own organization. */
export const membershipStaff = and(
  eq(staff.id, memberships.staffId),
  eq(staff.organizationId, memberships.organizationId),
);
/** Admin memberships always; staff memberships while the staff record is active. */
export const membershipIsUsable = or(
  eq(memberships.role, "admin"),
  and(eq(memberships.role, "staff"), eq(staff.active, true)),
);

export type MembershipContext = {
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  timeZone: string;
  role: "admin" | "staff";
  staffId: number | null;
};

/**
 * The memberships that let this user in: every admin membership, and staff memberships whose
 * staff record is active. Oldest first, so the choice of organization is stable.
 */
export async function listUsableMemberships(db: Executor, userId: string): Promise<MembershipContext[]> {
  return db
    .select({
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      timeZone: organizations.timeZone,
      role: memberships.role,
      staffId: memberships.staffId,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .leftJoin(staff, membershipStaff)
    .where(and(eq(memberships.userId, userId), membershipIsUsable))
    .orderBy(asc(memberships.createdAt), asc(organizations.slug));
}

/**
 * Whether a sign-in link may be sent to this address: it belongs to an admin membership, or to
 * a staff member who accepted an invitation and is still active.
 */
export async function emailMaySignIn(db: Executor, email: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(staff, membershipStaff)
    .where(and(eq(users.email, email.trim().toLowerCase()), membershipIsUsable))
    .limit(1);
  return row !== undefined;
}

/** The email addresses of the organization's admins (for notices such as a held import). */
export async function listAdminEmails(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "admin")))
    .orderBy(asc(users.email));
  return rows.flatMap((row) => (row.email ? [row.email] : []));
}

/**
 * Links a user to a staff record with a staff membership. A user who is already a member of the
 * organization (an admin who also teaches) keeps their role and gains the link.
 */
export async function upsertStaffMembership(
  db: Executor,
  organizationId: string,
  values: { userId: string; staffId: number },
): Promise<{ id: string; role: "admin" | "staff" }> {
  const [row] = await db
    .insert(memberships)
    .values({ organizationId, userId: values.userId, role: "staff", staffId: values.staffId })
    .onConflictDoUpdate({ target: [memberships.organizationId, memberships.userId], set: { staffId: values.staffId } })
    .returning({ id: memberships.id, role: memberships.role });
  if (!row) throw new Error("upsertStaffMembership returned no row");
  return row;
}

/**
 * Ends the sessions of the people linked to these staff records who, now, have no membership
 * that lets them in (a deactivated teacher; not one who is also an admin). Answers how many.
 */
export async function deleteSessionsOfStaff(
  db: Executor,
  organizationId: string,
  staffIds: readonly number[],
): Promise<number> {
  if (staffIds.length === 0) return 0;
  const linkedUsers = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        sql`${memberships.staffId} = any(${sql.param(staffIds)}::bigint[])`,
      ),
    );
  const usable = db
    .select({ one: sql`1` })
    .from(memberships)
    .leftJoin(staff, membershipStaff)
    .where(and(eq(memberships.userId, sessions.userId), membershipIsUsable));
  const deleted = await db
    .delete(sessions)
    .where(and(inArray(sessions.userId, linkedUsers), notExists(usable)))
    .returning({ token: sessions.sessionToken });
  return deleted.length;
}
