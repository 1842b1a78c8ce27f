import { z } from "zod";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { upsertAdminMembership } from "@/db/queries/organizations";
import { upsertUserByEmail } from "@/db/queries/users";
import { emailSchema, parseOrThrow } from "@/lib/validation";
import { requireOrganization } from "./require-organization";
import { slugSchema } from "./schemas";

const addAdminSchema = z.object({ slug: slugSchema, email: emailSchema });

/** Makes a person an admin of the organization with this slug (idempotent). */
export async function addAdmin(
  db: Database,
  input: { slug: string; email: string },
  actorLabel = "cli",
): Promise<{ organizationId: string; userId: string; email: string; created: boolean }> {
  const { slug, email } = parseOrThrow(addAdminSchema, input);
  return db.transaction(async (tx) => {
    const organization = await requireOrganization(tx, slug);
    const user = await upsertUserByEmail(tx, email);
    const { created, previousRole } = await upsertAdminMembership(tx, organization.id, user.id);
    if (previousRole !== "admin") {
      await recordAudit(tx, organization.id, {
        actorLabel,
        action: "admin.added",
        targetType: "user",
        targetId: user.id,
        details: { previousRole },
      });
    }
    return { organizationId: organization.id, userId: user.id, email: user.email, created };
  });
}
