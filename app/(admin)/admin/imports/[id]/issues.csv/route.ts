import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { listImportIssues } from "@/db/queries/import-records";
import { getImportDetail } from "@/db/queries/imports";
import { requireAdminForRoute } from "@/lib/auth/guards";
import { toSafeCsv } from "@/lib/csv/safe-csv";

// GET /admin/imports/<id>/issues.csv — every issue of one import of the admin's organization.

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdminForRoute();
  if (admin instanceof Response) return admin;
  const { id } = await params;
  const db = await getDb();
  const detail = await getImportDetail(db, admin.organization.id, id);
  if (!detail) return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  const issues = await listImportIssues(db, admin.organization.id, id);
  await recordAudit(db, admin.organization.id, {
    actorUserId: admin.user.id,
    action: "import.issues_downloaded",
    targetType: "import",
    targetId: id,
  });
  const csv = toSafeCsv(
    // "file": the file inside a multi-file set (OneRoster, Clever, SDS); empty for single files.
    ["file", "row", "column", "severity", "code", "message"],
    issues.map((issue) => [issue.file ?? null, issue.row, issue.column, issue.severity, issue.code, issue.message]),
  );
  // Letters, digits, "_", "-" and "." only, and no leading dot: "../../x.csv" saves as "_.._x-issues.csv".
  const base =
    detail.record.fileName
      .replace(/\.[^.]+$/, "")
      .replace(/[^\w.-]+/g, "_")
      .replace(/^\.+/, "")
      .slice(0, 80) || "import";
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${base}-issues.csv"`,
      "cache-control": "no-store",
    },
  });
}
