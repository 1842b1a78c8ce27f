import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";

/**
 * A completed sign-in (Auth.js `events.signIn`), in the audit log of every organization the user
 * belongs to: sign-in is per person, and each district sees its own people's sign-ins.
 */
export async function recordSignIn(db: Executor, userId: string): Promise<void> {
  const memberships = rowsOf<{ organizationId: string }>(
    await db.execute(sql`select organization_id as "organizationId" from memberships where user_id = ${userId}`),
  );
  for (const { organizationId } of memberships) {
    await recordAudit(db, organizationId, {
      actorUserId: userId,
      action: "user.signed_in",
      targetType: "user",
      targetId: userId,
    });
  }
}
