// The load test's databases: a fresh one per phase (a new PostgreSQL database next to
// DATABASE_URL's, dropped at the end, or a PGlite data dir in the OS temp dir), the
// organizations with their admins' sessions, and what is read back after a run.

import { and, asc, eq, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { closeDb, getDb, migrateDatabase, rowsOf } from "@/db/client";
import { findOrganizationById } from "@/db/queries/organizations";
import { imports } from "@/db/schema/imports";
import { createSession } from "@/lib/auth/create-session";
import { applyPendingImport } from "@/lib/import/decide-import";
import { runImport } from "@/lib/import/run-import";
import { createOrganization } from "@/lib/organizations/create-organization";
import { rosterOf } from "@/tests/support/roster-files";
import { createThrowawayDatabase, type ThrowawayDatabase } from "@/tests/support/throwaway-database";
import { canonicalRoster, type CanonicalRoster } from "./compare-rosters";
import type { LoadFile } from "./roster-files";

export type DatabaseTarget = ThrowawayDatabase;

/** A new, empty database: on the DATABASE_URL server when given, else a PGlite dir in the temp dir. */
export function freshDatabase(serverUrl: string | undefined, purpose: string): Promise<DatabaseTarget> {
  // Named after the given database, so a helper's own prefix (e.g. rs_load) covers it.
  const given = serverUrl ? new URL(serverUrl).pathname.slice(1) : "";
  return createThrowawayDatabase(serverUrl, { prefix: `${given || "rostersync"}_${purpose}`, pglite: "directory" });
}

/** Points this process's database (db/client) at `target`, closing whatever was open. */
export async function switchDatabase(target: DatabaseTarget): Promise<void> {
  await closeDb();
  delete process.env.DATABASE_URL;
  delete process.env.PGLITE_DIR;
  Object.assign(process.env, target.env);
  await migrateDatabase();
}

// Auth.js's session cookie on an http:// AUTH_URL (lib/auth/session-cookie.ts sessionCookieName,
// which needs a request scope and so cannot be imported here).
const SESSION_COOKIE = "authjs.session-token";

export type LoadOrganization = { index: number; id: string; slug: string; adminUserId: string; cookie: string };

/**
 * Creates organizations load-1 … load-N, each with an admin and a database session (the row
 * Auth.js reads back through its session cookie, as accepting an invitation creates it).
 */
export async function createOrganizations(count: number): Promise<LoadOrganization[]> {
  const db = await getDb();
  const organizations: LoadOrganization[] = [];
  for (let index = 1; index <= count; index += 1) {
    const slug = `load-${index}`;
    const { organization, admin } = await createOrganization(
      db,
      { name: `Load District ${index}`, slug, adminEmail: `admin@${slug}.test` },
      "load test",
    );
    const { sessionToken } = await createSession(db, admin.userId);
    organizations.push({
      index,
      id: organization.id,
      slug,
      adminUserId: admin.userId,
      cookie: `${SESSION_COOKIE}=${sessionToken}`,
    });
  }
  return organizations;
}

/** What an upload of `file` is answered now, stopping at the preview (a probe: nothing is applied). */
export async function previewStatus(
  organization: Pick<LoadOrganization, "id" | "adminUserId">,
  file: LoadFile,
): Promise<string> {
  return await uploadThenApply(organization, file, { apply: false });
}

/** An import as an upload makes it: a preview (or held) first, then applied as an admin's decision. */
export async function uploadThenApply(
  organization: Pick<LoadOrganization, "id" | "adminUserId">,
  file: LoadFile,
  options = { apply: true },
): Promise<string> {
  const db = await getDb();
  const settings = await findOrganizationById(db, organization.id);
  if (!settings) throw new Error(`organization ${organization.id} not found`);
  const preview = await runImport(db, {
    organizationId: organization.id,
    kind: "combined",
    source: "upload",
    fileName: file.name,
    bytes: file.bytes,
    actor: { userId: organization.adminUserId },
    mode: "preview",
    thresholdPercent: settings.deactivationThresholdPercent,
  });
  if (!options.apply || (preview.status !== "preview" && preview.status !== "held")) return preview.status;
  return (await applyPendingImport(db, organization.id, preview.id, { userId: organization.adminUserId })).status;
}

export type RecordedImport = {
  id: string;
  sha256: string;
  source: string;
  status: string;
  finishedAt: Date | null;
  fileName: string;
};

/** Every import of the organization, in the order the roster saw them (finish time, set under the lock). */
export async function importsInOrder(organizationId: string): Promise<RecordedImport[]> {
  const db = await getDb();
  return db
    .select({
      id: imports.id,
      sha256: imports.sha256,
      source: imports.source,
      status: imports.status,
      finishedAt: imports.finishedAt,
      fileName: imports.fileName,
    })
    .from(imports)
    .where(eq(imports.organizationId, organizationId))
    .orderBy(asc(imports.finishedAt), asc(imports.createdAt));
}

/** The statuses of the given imports. */
export async function statusesOf(organizationId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ id: imports.id, status: imports.status })
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), inArray(imports.id, ids)));
  return new Map(rows.map((row) => [row.id, row.status]));
}

/** The organization's whole roster by natural keys, active flags included, schools of people too. */
export async function canonicalRosterOf(organizationId: string): Promise<CanonicalRoster> {
  const db = await getDb();
  const roster = await rosterOf(organizationId);
  const studentSchools = rowsOf<object>(
    await db.execute(sql`select s.student_id, sc.school_id, ss.active from student_schools ss
      join students s on s.id = ss.student_id join schools sc on sc.id = ss.school_id
      where ss.organization_id = ${organizationId}`),
  );
  const staffSchools = rowsOf<object>(
    await db.execute(sql`select st.email, sc.school_id, ss.active from staff_schools ss
      join staff st on st.id = ss.staff_id join schools sc on sc.id = ss.school_id
      where ss.organization_id = ${organizationId}`),
  );
  return canonicalRoster({ ...roster, studentSchools, staffSchools });
}

/** Samples the number of connections to a PostgreSQL database (this sampler's own excluded). */
export function connectionSampler(databaseUrl: string) {
  const conn = postgres(databaseUrl, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: "rostersync-load-sampler" },
  });
  return {
    count: async () => {
      const [row] =
        await conn`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
      return Number(row?.n ?? 0);
    },
    close: () => conn.end({ timeout: 2 }),
  };
}
