import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { findOrganizationBySlug } from "@/db/queries/organizations";
import { staff } from "@/db/schema/roster";
import { runImport } from "@/lib/import/run-import";
import { createStaffMembership } from "@/lib/invitations/create-staff-membership";
import { addAdmin } from "@/lib/organizations/add-admin";
import { createOrganization } from "@/lib/organizations/create-organization";

export const DEMO_ORGANIZATION = { name: "Demo District", slug: "demo", adminEmail: "admin@demo.test" } as const;

/** The demo roster (db/demo-roster.csv) and the teacher in it who can sign in to My classes. */
export const DEMO_ROSTER = { fileName: "demo-roster.csv", teacherEmail: "teacher@demo.test" } as const;

/** Creates the demo organization and its admin; running it again changes nothing. */
export async function seedDemo(db: Database): Promise<{ organizationId: string; created: boolean }> {
  const existing = await findOrganizationBySlug(db, DEMO_ORGANIZATION.slug);
  if (existing) {
    await addAdmin(db, { slug: DEMO_ORGANIZATION.slug, email: DEMO_ORGANIZATION.adminEmail }, "seed");
    return { organizationId: existing.id, created: false };
  }
  const { organization } = await createOrganization(db, DEMO_ORGANIZATION, "seed");
  return { organizationId: organization.id, created: true };
}

/**
 * Imports the demo roster into the demo organization (an import like any other; again, it is
 * "unchanged") and gives its teacher teacher@demo.test a staff membership through
 * createStaffMembership, the function accepting an invitation calls, so that teacher can sign in
 * and see My classes without an invitation mail.
 */
export async function seedDemoRoster(db: Database, organizationId: string): Promise<{ importStatus: string }> {
  const root = process.env.ROSTERSYNC_ROOT ?? process.cwd();
  const bytes = readFileSync(path.join(/*turbopackIgnore: true*/ root, "db", DEMO_ROSTER.fileName));
  const result = await runImport(db, {
    organizationId,
    kind: "combined",
    source: "cli",
    fileName: DEMO_ROSTER.fileName,
    bytes,
    actor: { label: "seed" },
    mode: "apply",
    thresholdPercent: 100,
  });
  const [teacher] = await db
    .select({ id: staff.id, email: staff.email })
    .from(staff)
    .where(and(eq(staff.organizationId, organizationId), eq(staff.email, DEMO_ROSTER.teacherEmail)));
  if (!teacher) throw new Error(`${DEMO_ROSTER.fileName} has no teacher ${DEMO_ROSTER.teacherEmail}`);
  await createStaffMembership(db, organizationId, { staffId: teacher.id, email: teacher.email });
  return { importStatus: result.status };
}
