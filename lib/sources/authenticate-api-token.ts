import type { Executor } from "@/db/client";
import { markApiTokenUsed, type TokenUse } from "@/db/queries/api-tokens";
import { bearerToken } from "@/lib/http/bearer";
import { hashApiToken, TOKEN_PREFIX } from "./create-api-token";

// The push API's caller: the organization of a live token, marked used. A POST also counts in the
// token's rate window: at most IMPORTS_PER_HOUR imports per token and hour.

export const IMPORTS_PER_HOUR = 60;
const WINDOW_MS = 3_600_000;

export type TokenAuth =
  | { ok: true; token: TokenUse }
  | { ok: false; status: 401 | 429; code: string; message: string; retryAfterSeconds?: number };

export async function authenticateApiToken(
  db: Executor,
  authorization: string | null,
  options: { countImport: boolean; now?: Date },
): Promise<TokenAuth> {
  const given = bearerToken(authorization);
  if (!given?.startsWith(TOKEN_PREFIX)) {
    return {
      ok: false,
      status: 401,
      code: "unauthorized",
      message: "Send an organization API token: Authorization: Bearer rs_…",
    };
  }
  const now = options.now ?? new Date();
  const token = await markApiTokenUsed(db, hashApiToken(given), {
    now,
    countImport: options.countImport,
    windowMs: WINDOW_MS,
  });
  if (!token)
    return { ok: false, status: 401, code: "unauthorized", message: "This API token is not valid or was revoked." };
  if (options.countImport && token.windowCount > IMPORTS_PER_HOUR) {
    const resetsAt = (token.windowStartedAt?.getTime() ?? now.getTime()) + WINDOW_MS;
    return {
      ok: false,
      status: 429,
      code: "rate_limited",
      message: `This token has sent ${IMPORTS_PER_HOUR} imports in the last hour; try again later.`,
      retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)),
    };
  }
  return { ok: true, token };
}
