import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { memberships } from "@/db/schema/memberships";
import { organizations } from "@/db/schema/organizations";

export type Organization = typeof organizations.$inferSelect;

export async function findOrganizationBySlug(db: Executor, slug: string): Promise<Organization | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return row;
}

export async function findOrganizationById(db: Executor, organizationId: string): Promise<Organization | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  return row;
}

/** Inserts the organization; undefined when the slug is taken. */
export async function insertOrganization(
  db: Executor,
  values: { name: string; slug: string; timeZone?: string },
): Promise<Organization | undefined> {
  const [row] = await db.insert(organizations).values(values).onConflictDoNothing().returning();
  return row;
}

/** Makes the user an admin of the organization; `created` is false when they already were a member. */
export async function upsertAdminMembership(
  db: Executor,
  organizationId: string,
  userId: string,
): Promise<{ created: boolean; previousRole: "admin" | "staff" | null }> {
  const [existing] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .limit(1);
  await db
    .insert(memberships)
    .values({ organizationId, userId, role: "admin" })
    .onConflictDoUpdate({ target: [memberships.organizationId, memberships.userId], set: { role: "admin" } });
  return { created: existing === undefined, previousRole: existing?.role ?? null };
}

/** The organization's "email domain for usernames" (null clears it). */
export async function setUsernameEmailDomain(db: Executor, organizationId: string, domain: string | null) {
  await db.update(organizations).set({ usernameEmailDomain: domain }).where(eq(organizations.id, organizationId));
}
