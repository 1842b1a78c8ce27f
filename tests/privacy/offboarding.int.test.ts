import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, migrateDatabase, rowsOf } from "@/db/client";
import { createApiToken } from "@/lib/sources/create-api-token";
import { sendInvitations } from "@/lib/invitations/send-invitations";
import { createStaffMembership } from "@/lib/invitations/create-staff-membership";
import { createSession } from "@/lib/auth/create-session";
import { addAdmin } from "@/lib/organizations/add-admin";
import { cli } from "@/tests/support/cli";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, grid, importBytes, rosterOf } from "@/tests/support/roster-files";
import Papa from "papaparse";
import { dumpDatabase } from "./dump-database";

// Offboarding (issue 19): two organizations with imports, a held import, invitations, users,
// sessions, tokens and audit entries. `rostersync org:delete A --confirm A` leaves no row anywhere
// holding A's id, removes A's users who belong nowhere else (not a user shared with B), and B's
// exports (every entity, CSV and JSON) are byte for byte what they were.

let tempDir: string | undefined;
beforeAll(async () => {
  if (!process.env.DATABASE_URL) {
    await closeDb();
    tempDir = mkdtempSync(path.join(os.tmpdir(), "rostersync-offboarding-"));
    process.env.PGLITE_DIR = path.join(tempDir, "pglite");
    await migrateDatabase();
  }
});
afterAll(async () => {
  await closeDb();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

async function populate(organizationId: string, adminUserId: string, adminEmail: string, school: string) {
  const db = await getDb();
  await importBytes(organizationId, combinedCsv(grid(school, 3, 6)));
  await importBytes(organizationId, combinedCsv(grid(school, 1, 2)), { thresholdPercent: 10 }); // held
  await createApiToken(db, organizationId, "sis push", adminUserId);
  const staffIds = rowsOf<{ id: number }>(
    await db.execute(sql`select id from staff where organization_id = ${organizationId} order by id`),
  ).map((row) => row.id);
  await sendInvitations(db, organizationId, {
    staffIds,
    sentBy: { userId: adminUserId, email: adminEmail },
  });
  const [first] = rowsOf<{ id: number; email: string }>(
    await db.execute(sql`select id, email from staff where organization_id = ${organizationId} order by id limit 1`),
  );
  const { userId } = await createStaffMembership(db, organizationId, { staffId: first!.id, email: first!.email });
  await createSession(db, userId);
  await createSession(db, adminUserId);
}

/** Every export of the organization, CSV and JSON, as `rostersync export --all` writes them. */
async function exportsOf(organizationId: string): Promise<string[]> {
  const roster = await rosterOf(organizationId);
  return Object.values(roster).flatMap((records) => [JSON.stringify(records), Papa.unparse(records as object[])]);
}

describe("deleting an organization", () => {
  it("removes every row of A from every table and leaves B byte for byte", { timeout: 180_000 }, async () => {
    const a = await makeOrganization();
    const b = await makeOrganization();
    await populate(a.organization.id, a.admin.userId, a.admin.email, "501");
    await populate(b.organization.id, b.admin.userId, b.admin.email, "601");
    // an admin of both: stays, with B's membership only
    const shared = await addAdmin(await getDb(), { slug: a.organization.slug, email: "both@district.test" }, "test");
    await addAdmin(await getDb(), { slug: b.organization.slug, email: "both@district.test" }, "test");

    const bBefore = await exportsOf(b.organization.id);
    expect((await dumpDatabase()).includes(a.organization.id)).toBe(true);

    const refused = await cli("org:delete", a.organization.slug, "--confirm", b.organization.slug, "--json");
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.code).toBe("confirmation_mismatch");
    const missing = await cli("org:delete", a.organization.slug);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Missing --confirm");

    const deleted = await cli("org:delete", a.organization.slug, "--confirm", a.organization.slug, "--json");
    expect(deleted.code, deleted.stderr).toBe(0);
    const report = JSON.parse(deleted.stdout);
    expect(report.what).toBe("organization");
    expect(report.removed).toMatchObject({ organizations: 1, users: 2, memberships: 3 });
    for (const table of ["students", "staff", "enrollments", "imports", "import_staged_rows", "invitations"]) {
      expect(report.removed[table], table).toBeGreaterThan(0);
    }
    expect(report.removed.sessions).toBeGreaterThanOrEqual(2);

    const dump = await dumpDatabase();
    expect(dump.includes(a.organization.id)).toBe(false);
    expect(dump.includes(a.admin.email)).toBe(false);
    expect(dump.includes(b.organization.id)).toBe(true);
    const db = await getDb();
    const kept = rowsOf<{ organizationId: string }>(
      await db.execute(
        sql`select organization_id as "organizationId" from memberships where user_id = ${shared.userId}`,
      ),
    );
    expect(kept.map((m) => m.organizationId)).toEqual([b.organization.id]);
    expect(await exportsOf(b.organization.id)).toEqual(bBefore);

    const again = await cli("org:delete", a.organization.slug, "--confirm", a.organization.slug, "--json");
    expect(JSON.parse(again.stdout).error.code).toBe("org_not_found");
  });

  it("forget via the CLI prints the deletion report", { timeout: 120_000 }, async () => {
    const a = await makeOrganization();
    await importBytes(a.organization.id, combinedCsv(grid("701", 1, 2)));
    const result = await cli("forget", "student", "701-S1", "--org", a.organization.slug);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Forgot student 701-S1");
    expect(result.stdout).toContain("students: 1");
    expect(result.stdout).toContain("imported as a new person");
    const json = await cli("forget", "staff", "t1.701@district.test", "--org", a.organization.slug, "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ what: "staff", removed: { staff: 1 } });
    const again = await cli("forget", "student", "701-S1", "--org", a.organization.slug, "--json");
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).error.code).toBe("not_found");
    const bad = await cli("forget", "teacher", "x", "--org", a.organization.slug);
    expect(bad.code).toBe(2);
  });
});
