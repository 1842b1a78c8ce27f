import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The app's public address, for links in mail: AUTH_URL when set (production), else the
 * address this request came to (`next dev`, tests).
 */
export async function appBaseUrl(): Promise<string> {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}
