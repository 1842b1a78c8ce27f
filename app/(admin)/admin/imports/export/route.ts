import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { listImports, type ImportListItem } from "@/db/queries/imports";
import { requireAdminForRoute } from "@/lib/auth/guards";
import { csvFileName, csvResponse, type CsvColumn } from "@/lib/csv/csv-response";

// GET /admin/imports/export — Import Details as CSV: every import of the organization, newest first.

const changes = (r: ImportListItem) =>
  Object.entries(r.counts ?? {})
    .map(([type, c]) => `${type}: +${c.created} ~${c.updated} ↺${c.reactivated} −${c.deactivated}`)
    .join("; ");

const columns: CsvColumn<ImportListItem>[] = [
  { label: "When (UTC)", value: (r) => new Date(r.createdAt).toISOString() },
  { label: "Source", value: (r) => r.source },
  { label: "Kind", value: (r) => r.kind },
  { label: "File", value: (r) => r.fileName },
  { label: "By", value: (r) => r.actor },
  { label: "Status", value: (r) => r.status },
  { label: "Rows", value: (r) => r.rows },
  { label: "Errors", value: (r) => r.errorCount },
  { label: "Warnings", value: (r) => r.warningCount },
  { label: "Changes (created ~updated ↺reactivated −deactivated)", value: changes },
];

const BATCH = 500;

export async function GET() {
  const admin = await requireAdminForRoute();
  if (admin instanceof Response) return admin;
  const { organization } = admin;
  const db = await getDb();
  await recordAudit(db, organization.id, { actorUserId: admin.user.id, action: "imports.exported" });
  return csvResponse(csvFileName("import-details", organization.timeZone), columns, async (onBatch) => {
    for (let offset = 0; ; offset += BATCH) {
      const rows = await listImports(db, organization.id, { limit: BATCH, offset });
      if (rows.length > 0) onBatch(rows);
      if (rows.length < BATCH) return;
    }
  });
}
