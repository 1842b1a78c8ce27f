import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import type { Adapter } from "next-auth/adapters";
import type { Database } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema/auth";

/**
 * Auth.js's Drizzle adapter, except that storing a new sign-in link first deletes the address's
 * earlier unused ones, in the same transaction: only the newest link mailed to an address works
 * (README "Found and fixed").
 */
export function signInAdapter(db: Database): Adapter {
  const tables = {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  };
  const adapter = DrizzleAdapter(db, tables);
  return {
    ...adapter,
    async createVerificationToken(token) {
      return db.transaction(async (tx) => {
        await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, token.identifier));
        const [created] = await tx.insert(verificationTokens).values(token).returning();
        return created ?? null;
      });
    },
  };
}
