import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema/auth";

/** The user with this email, created when missing. Emails are stored lower-cased. */
export async function upsertUserByEmail(
  db: Executor,
  email: string,
): Promise<{ id: string; email: string; created: boolean }> {
  const normalized = email.trim().toLowerCase();
  const [row] = await db
    .insert(users)
    .values({ email: normalized })
    .onConflictDoUpdate({ target: users.email, set: { email: sql`excluded.email` } })
    .returning({ id: users.id, email: users.email, created: sql<boolean>`(xmax = 0)` });
  if (!row?.email) throw new Error("upsertUserByEmail returned no row");
  return { id: row.id, email: row.email, created: row.created };
}
