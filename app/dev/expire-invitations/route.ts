import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { devAdmin } from "@/lib/dev/dev-admin";

/**
 * Test-only: makes the open invitations of one staff email (in the signed-in admin's
 * organization) expire now, so a browser test can open an expired link. Body: `{ "email" }`.
 */
export async function POST(request: Request) {
  const admin = await devAdmin();
  if (admin instanceof Response) return admin;
  const { email } = (await request.json()) as { email?: string };
  if (!email) return Response.json({ error: "Send { email }." }, { status: 400 });
  const db = await getDb();
  await db.execute(sql`
    update invitations set expires_at = now() - interval '1 second'
    where organization_id = ${admin.organizationId} and email = ${email.trim().toLowerCase()}
      and accepted_at is null and revoked_at is null and expires_at > now()`);
  return Response.json({ ok: true });
}
