import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { insertOrganization, upsertAdminMembership, type Organization } from "@/db/queries/organizations";
import { upsertUserByEmail } from "@/db/queries/users";
import { UserFacingError } from "@/lib/errors";
import { createOrganizationSchema, type CreateOrganizationInput } from "./schemas";
import { parseOrThrow } from "@/lib/validation";

/** Creates an organization with its first admin, in one transaction. */
export async function createOrganization(
  db: Database,
  input: CreateOrganizationInput,
  actorLabel = "cli",
): Promise<{ organization: Organization; admin: { userId: string; email: string } }> {
  const { name, slug, adminEmail, timeZone } = parseOrThrow(createOrganizationSchema, input);
  return db.transaction(async (tx) => {
    const organization = await insertOrganization(tx, { name, slug, ...(timeZone ? { timeZone } : {}) });
    if (!organization) {
      throw new UserFacingError(`An organization with slug "${slug}" already exists`, "slug_taken");
    }
    const user = await upsertUserByEmail(tx, adminEmail);
    await upsertAdminMembership(tx, organization.id, user.id);
    await recordAudit(tx, organization.id, {
      actorLabel,
      action: "organization.created",
      targetType: "organization",
      targetId: organization.id,
      details: { name, slug, adminUserId: user.id },
    });
    return { organization, admin: { userId: user.id, email: user.email } };
  });
}
