import { sql } from "drizzle-orm";
import { getDb, getDriver } from "@/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and test runners. */
export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: await getDriver() });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
