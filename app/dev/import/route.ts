import { getDb } from "@/db/client";
import { findOrganizationById } from "@/db/queries/organizations";
import { runImport } from "@/lib/import/run-import";
import { devAdmin } from "@/lib/dev/dev-admin";
import { IMPORT_KINDS, type ImportKind } from "@/lib/import/types";

/**
 * Test-only: imports a roster file for the signed-in admin's organization through the real
 * pipeline and applies it unless held (what Imports → New import will do once it is built).
 * Multipart fields: `file`, optional `kind` (combined | staff | students).
 */
export async function POST(request: Request) {
  const admin = await devAdmin();
  if (admin instanceof Response) return admin;
  const form = await request.formData();
  const file = form.get("file");
  const kind = String(form.get("kind") ?? "combined");
  if (!(file instanceof File)) return Response.json({ error: "Attach the file as `file`." }, { status: 400 });
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) return Response.json({ error: `Unknown kind ${kind}.` }, { status: 400 });
  const db = await getDb();
  const organization = await findOrganizationById(db, admin.organizationId);
  const result = await runImport(db, {
    organizationId: admin.organizationId,
    kind: kind as ImportKind,
    source: "upload",
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    actor: { userId: admin.userId },
    mode: "apply",
    thresholdPercent: organization?.deactivationThresholdPercent ?? 10,
  });
  return Response.json(result);
}
