import { getDb } from "@/db/client";
import { getImportRecord } from "@/db/queries/import-records";
import { apiError } from "@/lib/http/api-error";
import { importResult } from "@/lib/import/import-result";
import { failStoppedImports } from "@/lib/import/interrupted-imports";
import { authenticateApiToken } from "@/lib/sources/authenticate-api-token";
import { isUuid } from "@/db/queries/ids";

// GET /api/v1/imports/<id> — the import's summary, the same JSON as `rostersync import --json`.
// Another organization's import (or no import) answers 404.

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const db = await getDb();
  const auth = await authenticateApiToken(db, request.headers.get("authorization"), { countImport: false });
  if (!auth.ok) return apiError(auth.status, auth.code, auth.message);
  const { id } = await params;
  const organizationId = auth.token.organizationId;
  await failStoppedImports(db, { organizationId }); // a script polling an interrupted import sees it failed
  if (!isUuid(id) || !(await getImportRecord(db, organizationId, id))) {
    return apiError(404, "not_found", "No import with this id.");
  }
  return Response.json(await importResult(db, id, organizationId), { headers: { "cache-control": "no-store" } });
}
