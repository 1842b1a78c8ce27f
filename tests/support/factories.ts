import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { upsertUserByEmail } from "@/db/queries/users";
import { memberships } from "@/db/schema/memberships";
import { staff } from "@/db/schema/roster";
import { createOrganization } from "@/lib/organizations/create-organization";

/** A short unique suffix, so tests never collide on slugs and emails. */
export const unique = () => randomUUID().slice(0, 8);

export async function makeOrganization(overrides: { name?: string; slug?: string; adminEmail?: string } = {}) {
  const id = unique();
  return createOrganization(await getDb(), {
    name: overrides.name ?? `District ${id}`,
    slug: overrides.slug ?? `d-${id}`,
    adminEmail: overrides.adminEmail ?? `admin-${id}@district.test`,
  });
}

/**
 * A staff member who has accepted an invitation: a staff record plus a staff membership, as the
 * invitation flow creates them.
 */
export async function makeAcceptedStaff(organizationId: string, options: { active?: boolean; email?: string } = {}) {
  const db = await getDb();
  const email = options.email ?? `teacher-${unique()}@district.test`;
  const [record] = await db
    .insert(staff)
    .values({ organizationId, email, firstName: "Ada", lastName: "Teacher", active: options.active ?? true })
    .returning();
  if (!record) throw new Error("no staff row");
  const user = await upsertUserByEmail(db, email);
  await db.insert(memberships).values({ organizationId, userId: user.id, role: "staff", staffId: record.id });
  return { staff: record, user };
}
