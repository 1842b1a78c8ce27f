import "server-only";
import { getSessionUser, getUsableMemberships } from "@/lib/auth/guards";
import { devOutboxEnabled } from "@/lib/env";

/**
 * For the test-only routes under /dev (switched on with the dev outbox: `next dev`, or
 * ROSTERSYNC_ENABLE_DEV_OUTBOX=1 in test runs; never with Resend): the signed-in admin's
 * organization, or a Response to answer instead.
 */
export async function devAdmin(): Promise<{ userId: string; organizationId: string } | Response> {
  if (!devOutboxEnabled()) return new Response("Not found", { status: 404 });
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "Sign in as an admin first." }, { status: 401 });
  const admin = (await getUsableMemberships(user.id)).find((m) => m.role === "admin");
  if (!admin) return new Response("Not found", { status: 404 });
  return { userId: user.id, organizationId: admin.organizationId };
}
