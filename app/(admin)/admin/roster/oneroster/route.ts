import { getDb } from "@/db/client";
import { requireAdminForRoute } from "@/lib/auth/guards";
import { oneRosterFiles, zipOneRoster } from "@/lib/roster/oneroster-export";

// GET /admin/roster/oneroster — the organization's active roster as a OneRoster 1.1 CSV bulk
// set (.zip), for the district's other systems (Roster → "Download roster (OneRoster 1.1 CSV)").

export const dynamic = "force-dynamic";

export async function GET() {
  const admin = await requireAdminForRoute();
  if (admin instanceof Response) return admin;
  const db = await getDb();
  const zip = zipOneRoster(await oneRosterFiles(db, admin.organization));
  return new Response(new Blob([zip as Uint8Array<ArrayBuffer>]), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${admin.organization.slug}-oneroster-1.1.zip"`,
      "cache-control": "no-store",
    },
  });
}
