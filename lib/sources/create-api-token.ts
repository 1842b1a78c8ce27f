import { createHash, randomBytes } from "node:crypto";
import type { Executor } from "@/db/client";
import { insertApiToken } from "@/db/queries/api-tokens";
import { UserFacingError } from "@/lib/errors";
import { ONE_LINE, hasControlCharacter } from "@/lib/validation";

// Push API tokens (docs/decisions.md "Push API"): "rs_" + 32 random bytes in base64url. Only the
// SHA-256 is stored, with the first 10 characters to tell tokens apart; the token is shown once.

export const TOKEN_PREFIX = "rs_";

export const hashApiToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createApiToken(db: Executor, organizationId: string, name: string, userId: string | null) {
  const trimmed = name.trim();
  if (trimmed === "" || trimmed.length > 100)
    throw new UserFacingError(
      'Name the token (up to 100 characters), e.g. "PowerSchool export script".',
      "invalid_name",
    );
  if (hasControlCharacter(trimmed)) throw new UserFacingError(`The token's name: ${ONE_LINE}.`, "invalid_name");
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const record = await insertApiToken(db, organizationId, {
    name: trimmed,
    tokenHash: hashApiToken(token),
    tokenPrefix: token.slice(0, 10),
    createdByUserId: userId,
  });
  return { token, record };
}
