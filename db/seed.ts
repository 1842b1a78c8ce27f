import type { Database } from "@/db/client";
import { findOrganizationBySlug } from "@/db/queries/organizations";
import { addAdmin } from "@/lib/organizations/add-admin";
import { createOrganization } from "@/lib/organizations/create-organization";

export const DEMO_ORGANIZATION = { name: "Demo District", slug: "demo", adminEmail: "admin@demo.test" } as const;

/** Creates the demo organization and its admin; running it again changes nothing. */
export async function seedDemo(db: Database): Promise<{ organizationId: string; created: boolean }> {
  const existing = await findOrganizationBySlug(db, DEMO_ORGANIZATION.slug);
  if (existing) {
    await addAdmin(db, { slug: DEMO_ORGANIZATION.slug, email: DEMO_ORGANIZATION.adminEmail }, "seed");
    return { organizationId: existing.id, created: false };
  }
  const { organization } = await createOrganization(db, DEMO_ORGANIZATION, "seed");
  return { organizationId: organization.id, created: true };
}
