import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { apiTokens } from "@/db/schema/api";
import { isUuid } from "@/db/queries/ids";

// Push API tokens: only the SHA-256 of a token is stored. A token names its organization, so the
// lookup by hash is the one query here that is not scoped by an organization id it was given.

export type ApiToken = typeof apiTokens.$inferSelect;
export type ApiTokenListItem = Pick<ApiToken, "id" | "name" | "tokenPrefix" | "createdAt" | "lastUsedAt" | "revokedAt">;

export async function insertApiToken(
  db: Executor,
  organizationId: string,
  values: { name: string; tokenHash: string; tokenPrefix: string; createdByUserId: string | null },
): Promise<ApiToken> {
  const [row] = await db
    .insert(apiTokens)
    .values({ ...values, organizationId })
    .returning();
  if (!row) throw new Error("api token not created");
  return row;
}

export async function listApiTokens(db: Executor, organizationId: string): Promise<ApiTokenListItem[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      tokenPrefix: apiTokens.tokenPrefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.organizationId, organizationId))
    .orderBy(sql`${apiTokens.revokedAt} is not null`, desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Executor, organizationId: string, tokenId: string): Promise<boolean> {
  if (!isUuid(tokenId)) return false;
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.organizationId, organizationId), eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export type TokenUse = {
  id: string;
  organizationId: string;
  name: string;
  windowStartedAt: Date | null;
  windowCount: number;
};

/**
 * The live (not revoked) token with this hash, marked used now. With `countImport`, the import
 * is counted in the token's rate window (`windowMs` long, restarted when it has passed), in the
 * same statement, so concurrent requests count exactly.
 */
export async function markApiTokenUsed(
  db: Executor,
  tokenHash: string,
  options: { now: Date; countImport: boolean; windowMs: number },
): Promise<TokenUse | null> {
  const now = options.now.toISOString();
  const windowOver = sql`(${apiTokens.rateWindowStartedAt} is null or ${apiTokens.rateWindowStartedAt} <= ${now}::timestamptz - make_interval(secs => ${options.windowMs / 1000}))`;
  const [row] = await db
    .update(apiTokens)
    .set({
      lastUsedAt: options.now,
      ...(options.countImport
        ? {
            rateWindowStartedAt: sql`case when ${windowOver} then ${now}::timestamptz else ${apiTokens.rateWindowStartedAt} end`,
            rateWindowCount: sql`case when ${windowOver} then 1 else ${apiTokens.rateWindowCount} + 1 end`,
          }
        : {}),
    })
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .returning({
      id: apiTokens.id,
      organizationId: apiTokens.organizationId,
      name: apiTokens.name,
      windowStartedAt: apiTokens.rateWindowStartedAt,
      windowCount: apiTokens.rateWindowCount,
    });
  return row ?? null;
}
