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

/**
 * A second demo organization that comes with a roster (lib/demo/demo-roster.csv) and a teacher in it who
 * can sign in to My classes. Demo District itself stays empty, for trying imports.
 */
export const DEMO_ROSTER = {
  name: "Riverside District",
  slug: "riverside",
  adminEmail: "admin@riverside.test",
  fileName: "demo-roster.csv",
  teacherEmail: "teacher@riverside.test",
} as const;

/** Creates an organization and its admin unless the slug exists; running it again changes nothing. */
async function seedOrganization(
  db: Database,
  values: { name: string; slug: string; adminEmail: string },
): Promise<{ organizationId: string; created: boolean }> {
  const existing = await findOrganizationBySlug(db, values.slug);
  if (existing) {
    await addAdmin(db, { slug: values.slug, email: values.adminEmail }, "seed");
    return { organizationId: existing.id, created: false };
  }
  const { organization } = await createOrganization(db, values, "seed");
  return { organizationId: organization.id, created: true };
}

/** Creates the demo organization and its admin; running it again changes nothing. */
export function seedDemo(db: Database): Promise<{ organizationId: string; created: boolean }> {
  return seedOrganization(db, DEMO_ORGANIZATION);
}

/**
 * Creates Riverside District with the demo roster, imported like any file (again, it is
 * "unchanged"), and gives its teacher teacher@riverside.test a staff membership through
 * createStaffMembership, the function accepting an invitation calls, so that teacher can sign in
 * and see My classes without an invitation mail.
 */
export async function seedDemoRoster(db: Database): Promise<{ organizationId: string; importStatus: string }> {
  const { organizationId } = await seedOrganization(db, DEMO_ROSTER);
  const root = process.env.ROSTERSYNC_ROOT ?? process.cwd();
  const bytes = readFileSync(path.join(/*turbopackIgnore: true*/ root, "lib", "demo", DEMO_ROSTER.fileName));
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
  return { organizationId, importStatus: result.status };
}
