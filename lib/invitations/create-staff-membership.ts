import type { Executor } from "@/db/client";
import { upsertStaffMembership } from "@/db/queries/memberships";
import { upsertUserByEmail } from "@/db/queries/users";
import { users } from "@/db/schema/auth";
import { and, eq, isNull } from "drizzle-orm";

/**
 * Gives a staff record its person: the user with this email (created if needed, email marked
 * verified) and a staff membership pointing at the record. From then on the record's `active`
 * flag decides whether they may sign in and what "My classes" shows. Idempotent.
 * Accepting an invitation calls it; so can a seed or a test that needs a signed-up teacher.
 */
export async function createStaffMembership(
  db: Executor,
  organizationId: string,
  person: { staffId: number; email: string },
): Promise<{ userId: string; membershipId: string; userCreated: boolean }> {
  const user = await upsertUserByEmail(db, person.email);
  await db
    .update(users)
    .set({ emailVerified: new Date() })
    .where(and(eq(users.id, user.id), isNull(users.emailVerified)));
  const membership = await upsertStaffMembership(db, organizationId, { userId: user.id, staffId: person.staffId });
  return { userId: user.id, membershipId: membership.id, userCreated: user.created };
}
