import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { staff } from "@/db/schema/roster";
import { createStaffMembership } from "@/lib/invitations/create-staff-membership";
import { createOrganization } from "@/lib/organizations/create-organization";

/** A short unique suffix, so tests never collide on slugs and emails. */
export const unique = () => randomUUID().slice(0, 8);

export async function makeOrganization(
  overrides: { name?: string; slug?: string; adminEmail?: string; timeZone?: string } = {},
) {
  const id = unique();
  return createOrganization(await getDb(), {
    name: overrides.name ?? `District ${id}`,
    slug: overrides.slug ?? `d-${id}`,
    adminEmail: overrides.adminEmail ?? `admin-${id}@district.test`,
    ...(overrides.timeZone ? { timeZone: overrides.timeZone } : {}),
  });
}

/** A staff record as an import creates it: not invited, no user. */
export async function makeStaff(
  organizationId: string,
  options: { active?: boolean; email?: string; firstName?: string; lastName?: string } = {},
) {
  const db = await getDb();
  const [record] = await db
    .insert(staff)
    .values({
      organizationId,
      email: options.email ?? `teacher-${unique()}@district.test`,
      firstName: options.firstName ?? "Ada",
      lastName: options.lastName ?? "Teacher",
      active: options.active ?? true,
    })
    .returning();
  if (!record) throw new Error("no staff row");
  return record;
}

/**
 * A staff member who has accepted an invitation: a staff record plus the user and staff
 * membership that accepting creates (the same createStaffMembership).
 */
export async function makeAcceptedStaff(organizationId: string, options: { active?: boolean; email?: string } = {}) {
  const record = await makeStaff(organizationId, options);
  const { userId } = await createStaffMembership(await getDb(), organizationId, {
    staffId: record.id,
    email: record.email,
  });
  return { staff: record, user: { id: userId, email: record.email } };
}
