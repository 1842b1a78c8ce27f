import { getDb } from "@/db/client";
import { exportAuditEntries, recordAudit, type AuditRow } from "@/db/queries/audit";
import { requireAdminForRoute } from "@/lib/auth/guards";
import { csvFileName, csvResponse, type CsvColumn } from "@/lib/csv/csv-response";
import { auditActionLabel, auditDetailsText, auditTargetLabel } from "@/lib/privacy/audit-actions";
import { auditFilters, parseAuditParams } from "@/lib/privacy/audit-filters";

// GET /admin/settings/audit/export — the audit log as CSV, with the page's filters.

const columns: CsvColumn<AuditRow>[] = [
  { label: "When (UTC)", value: (r) => new Date(r.createdAt).toISOString() },
  { label: "Who", value: (r) => r.actor ?? "a removed user" },
  { label: "What", value: (r) => auditActionLabel(r.action) },
  { label: "Action", value: (r) => r.action },
  { label: "On", value: (r) => auditTargetLabel(r.targetType) },
  { label: "Reference", value: (r) => r.targetId },
  { label: "Details", value: (r) => auditDetailsText(r.details) },
];

export async function GET(request: Request) {
  const admin = await requireAdminForRoute();
  if (admin instanceof Response) return admin;
  const { organization } = admin;
  const params = parseAuditParams(new URL(request.url).searchParams);
  const db = await getDb();
  await recordAudit(db, organization.id, {
    actorUserId: admin.user.id,
    action: "audit.downloaded",
    details: { ...(params.category ? { category: params.category } : {}) },
  });
  return csvResponse(csvFileName("audit-log", organization.timeZone), columns, (onBatch) =>
    exportAuditEntries(db, organization.id, auditFilters(params, organization.timeZone), onBatch),
  );
}
