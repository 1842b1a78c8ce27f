import type { Executor } from "@/db/client";
import { findOrganizationBySlug, type Organization } from "@/db/queries/organizations";
import { UserFacingError } from "@/lib/errors";

/** The organization with this slug (case and spaces forgiven), or a UserFacingError "org_not_found". */
export async function requireOrganization(db: Executor, slug: string): Promise<Organization> {
  const organization = await findOrganizationBySlug(db, slug.trim().toLowerCase());
  if (!organization) throw new UserFacingError(`No organization with slug "${slug}"`, "org_not_found");
  return organization;
}
