import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "@/tests/support/cli";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import {
  exportAssignments,
  exportClasses,
  exportEnrollments,
  exportSchools,
  exportStudents,
  exportTerms,
  type ExportOptions,
  type OnBatch,
} from "@/db/queries/export";
import { upsertUserByEmail } from "@/db/queries/users";
import { imports } from "@/db/schema/imports";
import { invitations } from "@/db/schema/invitations";
import { memberships } from "@/db/schema/memberships";
import { classes, enrollments, schools, staff, students, teachingAssignments, terms } from "@/db/schema/roster";
import { makeOrganization, unique } from "@/tests/support/factories";

// `rostersync export` and `rostersync imports` as the operator runs them: child processes on this
// file's database. An embedded data dir opens in one process at a time, so on PGlite the test
// uses its own data dir and closes its handle before each run (the next query reopens it).

let tempDir: string | undefined;

const DAY = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);
const mail = (local: string) => `${local}@export.test`;

let slug = "";
let otherSlug = "";
let importIds: { older: string; newer: string } = { older: "", newer: "" };

/** The organization's roster; the other organization gets rows with the same SIS keys. */
async function seedRoster(organizationId: string, mirror: boolean) {
  const db = await getDb();
  const suffix = mirror ? "other" : "";
  const [s1, s2, s9] = await db
    .insert(schools)
    .values([
      { organizationId, schoolId: "S1", name: mirror ? "Other S1" : null },
      { organizationId, schoolId: "S2", name: "North High" },
      { organizationId, schoolId: "S9", name: "Closed School", active: false },
    ])
    .returning();
  const [current, old] = await db
    .insert(terms)
    .values([
      { organizationId, name: "2026-27 S1" },
      { organizationId, name: "2025-26 S2", active: false },
    ])
    .returning();
  const [algebra, biology, retired] = await db
    .insert(classes)
    .values([
      { organizationId, classId: "C-100", name: "Algebra", period: "1", termId: current!.id, schoolId: s1!.id },
      { organizationId, classId: "C-200", name: "Biology", termId: current!.id, schoolId: s2!.id },
      {
        organizationId,
        classId: "C-050",
        name: "Latin",
        period: "7",
        termId: old!.id,
        schoolId: s9!.id,
        active: false,
      },
    ])
    .returning();
  const [ann, bo, gone] = await db
    .insert(students)
    .values([
      {
        organizationId,
        studentId: "000123",
        firstName: "Ann",
        lastName: mirror ? "Other" : "O'Neil, Jr.",
        email: mail(`ann${suffix}`),
        grade: "09",
      },
      { organizationId, studentId: "000124", firstName: "Bo", lastName: "Kim" },
      { organizationId, studentId: "000099", firstName: "Cy", lastName: "Left", grade: "12", active: false },
    ])
    .returning();
  const staffRows = await db
    .insert(staff)
    .values([
      { organizationId, staffId: "T1", email: mail("a-member"), firstName: "Ada", lastName: "Member" },
      { organizationId, staffId: "T2", email: mail("b-accepted"), firstName: "Ben", lastName: "Accepted" },
      { organizationId, email: mail("c-invited"), firstName: "Cal", lastName: "Invited" },
      { organizationId, staffId: "T4", email: mail("d-expired"), firstName: "Dee", lastName: "Expired" },
      { organizationId, email: mail("e-revoked"), firstName: "Eve", lastName: "Revoked" },
      { organizationId, staffId: "T6", email: mail("f-never"), firstName: "Fay", lastName: "Never" },
      { organizationId, staffId: "T9", email: mail("z-inactive"), firstName: "Zed", lastName: "Gone", active: false },
    ])
    .returning();
  const [member, accepted, invited, expired, revoked, never, inactive] = staffRows;
  await db.insert(enrollments).values([
    { organizationId, classId: biology!.id, studentId: ann!.id },
    { organizationId, classId: algebra!.id, studentId: bo!.id },
    { organizationId, classId: algebra!.id, studentId: ann!.id },
    { organizationId, classId: retired!.id, studentId: gone!.id, active: false },
  ]);
  await db.insert(teachingAssignments).values([
    { organizationId, classId: algebra!.id, staffId: invited!.id },
    { organizationId, classId: algebra!.id, staffId: member!.id },
    { organizationId, classId: biology!.id, staffId: accepted!.id },
    { organizationId, classId: retired!.id, staffId: inactive!.id, active: false },
  ]);

  const invite = (staffId: number, values: Partial<typeof invitations.$inferInsert>) => ({
    organizationId,
    staffId,
    email: "x@export.test",
    tokenHash: randomUUID(),
    expiresAt: daysFromNow(7),
    ...values,
  });
  if (mirror) {
    // In the other organization, "f-never" has accepted: that must not leak into this one.
    const user = await upsertUserByEmail(db, mail("f-never"));
    await db.insert(memberships).values({ organizationId, userId: user.id, role: "staff", staffId: never!.id });
    return;
  }
  for (const record of [member!, inactive!]) {
    const user = await upsertUserByEmail(db, record.email);
    await db.insert(memberships).values({ organizationId, userId: user.id, role: "staff", staffId: record.id });
  }
  await db
    .insert(invitations)
    .values([
      invite(accepted!.id, { createdAt: daysFromNow(-10), expiresAt: daysFromNow(-3), acceptedAt: daysFromNow(-9) }),
      invite(invited!.id, { createdAt: daysFromNow(-20), expiresAt: daysFromNow(-13), revokedAt: daysFromNow(-2) }),
      invite(invited!.id, { createdAt: daysFromNow(-2), expiresAt: daysFromNow(5) }),
      invite(expired!.id, { createdAt: daysFromNow(-20), expiresAt: daysFromNow(-13), revokedAt: daysFromNow(-10) }),
      invite(expired!.id, { createdAt: daysFromNow(-10), expiresAt: daysFromNow(-3) }),
      invite(revoked!.id, { createdAt: daysFromNow(-1), expiresAt: daysFromNow(6), revokedAt: daysFromNow(0) }),
    ]);
}

beforeAll(async () => {
  if (!process.env.DATABASE_URL) {
    await closeDb();
    tempDir = mkdtempSync(path.join(os.tmpdir(), "rostersync-export-"));
    process.env.PGLITE_DIR = path.join(tempDir, "pglite");
    await migrateDatabase();
  }
  const { organization, admin } = await makeOrganization();
  const { organization: other } = await makeOrganization();
  slug = organization.slug;
  otherSlug = other.slug;
  await seedRoster(organization.id, false);
  await seedRoster(other.id, true);

  const db = await getDb();
  const file = { kind: "combined" as const, fileSize: 10, sha256: "ab" };
  const [older, newer] = await db
    .insert(imports)
    .values([
      {
        ...file,
        organizationId: organization.id,
        source: "cli",
        fileName: "old.csv",
        status: "applied",
        actorLabel: "cli",
        rowCount: 3,
        createdAt: new Date("2026-01-02T03:04:05Z"),
      },
      {
        ...file,
        organizationId: organization.id,
        source: "upload",
        kind: "staff",
        fileName: "staff.xlsx",
        status: "applied_with_errors",
        actorUserId: admin.userId,
        actorLabel: "ignored when a user started it",
        rowCount: 7,
        errorCount: 2,
        warningCount: 1,
        counts: { staff: { created: 4, updated: 1, reactivated: 0, deactivated: 0 } },
        createdAt: new Date("2026-02-03T04:05:06Z"),
      },
    ])
    .returning({ id: imports.id });
  await db.insert(imports).values({
    ...file,
    organizationId: other.id,
    source: "api",
    fileName: "other.csv",
    createdAt: new Date("2026-03-01T00:00:00Z"),
  });
  importIds = { older: older!.id, newer: newer!.id };
});

afterAll(async () => {
  await closeDb();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

const exportJson = async (...args: string[]) => {
  const result = await cli("export", ...args, "--org", slug, "--format", "json");
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout.endsWith("\n")).toBe(true);
  expect(result.stdout.trim().split("\n")).toHaveLength(1);
  return JSON.parse(result.stdout) as unknown;
};

const staffRecord = (
  staffId: string | null,
  local: string,
  firstName: string,
  lastName: string,
  invitationStatus: string,
  active = true,
) => ({
  staffId,
  email: mail(local),
  firstName,
  lastName,
  active,
  invitationStatus,
});

describe("rostersync export", () => {
  it("prints active schools, terms and classes as one JSON array, fields in contract order", async () => {
    const result = await cli("export", "schools", "--org", slug, "--format", "json");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      '[{"schoolId":"S1","name":null,"active":true},{"schoolId":"S2","name":"North High","active":true}]\n',
    );

    expect(await exportJson("terms")).toEqual([{ name: "2026-27 S1", active: true }]);
    expect(await exportJson("classes")).toEqual([
      { classId: "C-100", name: "Algebra", period: "1", term: "2026-27 S1", schoolId: "S1", active: true },
      { classId: "C-200", name: "Biology", period: null, term: "2026-27 S1", schoolId: "S2", active: true },
    ]);
  });

  it("prints students, enrollments and assignments by their SIS keys", async () => {
    expect(await exportJson("students")).toEqual([
      { studentId: "000123", firstName: "Ann", lastName: "O'Neil, Jr.", email: mail("ann"), grade: "09", active: true },
      { studentId: "000124", firstName: "Bo", lastName: "Kim", email: null, grade: null, active: true },
    ]);
    expect(await exportJson("enrollments")).toEqual([
      { classId: "C-100", studentId: "000123", active: true },
      { classId: "C-100", studentId: "000124", active: true },
      { classId: "C-200", studentId: "000123", active: true },
    ]);
    expect(await exportJson("assignments")).toEqual([
      { classId: "C-100", staffId: "T1", staffEmail: mail("a-member"), active: true },
      { classId: "C-100", staffId: null, staffEmail: mail("c-invited"), active: true },
      { classId: "C-200", staffId: "T2", staffEmail: mail("b-accepted"), active: true },
    ]);
  });

  it("prints staff with their invitation status; --all adds inactive records", async () => {
    const active = [
      staffRecord("T1", "a-member", "Ada", "Member", "accepted"),
      staffRecord("T2", "b-accepted", "Ben", "Accepted", "accepted"),
      staffRecord(null, "c-invited", "Cal", "Invited", "invited"),
      staffRecord("T4", "d-expired", "Dee", "Expired", "expired"),
      staffRecord(null, "e-revoked", "Eve", "Revoked", "not_invited"),
      staffRecord("T6", "f-never", "Fay", "Never", "not_invited"),
    ];
    expect(await exportJson("staff")).toEqual(active);
    expect(await exportJson("staff", "--all")).toEqual([
      ...active,
      staffRecord("T9", "z-inactive", "Zed", "Gone", "accepted", false),
    ]);
    expect(await exportJson("enrollments", "--all")).toEqual([
      { classId: "C-050", studentId: "000099", active: false },
      { classId: "C-100", studentId: "000123", active: true },
      { classId: "C-100", studentId: "000124", active: true },
      { classId: "C-200", studentId: "000123", active: true },
    ]);
    // --json alone means JSON.
    const viaFlag = await cli("export", "schools", "--org", slug, "--all", "--json");
    expect(viaFlag.code).toBe(0);
    expect(JSON.parse(viaFlag.stdout)).toEqual([
      { schoolId: "S1", name: null, active: true },
      { schoolId: "S2", name: "North High", active: true },
      { schoolId: "S9", name: "Closed School", active: false },
    ]);
  });

  it("prints CSV with a header, CRLF line ends, empty cells for null and true/false", async () => {
    const studentsCsv = await cli("export", "students", "--org", slug, "--format", "csv", "--all");
    expect(studentsCsv.code).toBe(0);
    expect(studentsCsv.stdout).toBe(
      [
        "studentId,firstName,lastName,email,grade,active",
        "000099,Cy,Left,,12,false",
        `000123,Ann,"O'Neil, Jr.",${mail("ann")},09,true`,
        "000124,Bo,Kim,,,true",
        "",
      ].join("\r\n"),
    );
    const staffCsv = await cli("export", "staff", "--org", slug, "--format", "CSV");
    expect(staffCsv.stdout.split("\r\n").slice(0, 4)).toEqual([
      "staffId,email,firstName,lastName,active,invitationStatus",
      `T1,${mail("a-member")},Ada,Member,true,accepted`,
      `T2,${mail("b-accepted")},Ben,Accepted,true,accepted`,
      `,${mail("c-invited")},Cal,Invited,true,invited`,
    ]);
    // The other organization's export shows its own rows only.
    const otherTerms = await cli("export", "terms", "--org", otherSlug, "--format", "csv");
    expect(otherTerms.stdout).toBe("name,active\r\n2026-27 S1,true\r\n");
  });

  it("neutralises formulas in CSV like the browser downloads do (one CSV writer)", async () => {
    const { organization } = await makeOrganization();
    const db = await getDb();
    await db.insert(students).values([
      {
        organizationId: organization.id,
        studentId: "1",
        firstName: '=HYPERLINK("http://evil.test","x")',
        lastName: "+Plus",
      },
      { organizationId: organization.id, studentId: "2", firstName: "Ann", lastName: "@SUM(A1)" },
    ]);
    const result = await cli("export", "students", "--org", organization.slug, "--format", "csv");
    expect(result.code).toBe(0);
    const rows = result.stdout.split("\r\n");
    expect(rows[1]).toBe(`1,"'=HYPERLINK(""http://evil.test"",""x"")","'+Plus",,,true`);
    expect(rows[2]).toBe(`2,Ann,"'@SUM(A1)",,,true`);
  });

  it("exits 2 on bad usage and 1 on an unknown organization", async () => {
    const unknownEntity = await cli("export", "parents", "--org", slug, "--format", "json");
    expect(unknownEntity.code).toBe(2);
    expect(unknownEntity.stdout).toBe("");
    expect(unknownEntity.stderr).toContain(
      'Unknown entity "parents"; export one of schools, terms, classes, students, staff, enrollments, assignments',
    );

    const missingOrg = await cli("export", "schools", "--format", "csv", "--json");
    expect(missingOrg.code).toBe(2);
    expect(JSON.parse(missingOrg.stdout)).toMatchObject({
      error: { code: "usage", message: expect.stringContaining("Missing --org") },
    });

    const badFormat = await cli("export", "schools", "--org", slug, "--format", "xml");
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('Unknown --format "xml"; use json or csv');

    const unknownOrg = await cli("export", "schools", "--org", "no-such-org", "--format", "json");
    expect(unknownOrg.code).toBe(1);
    expect(JSON.parse(unknownOrg.stdout)).toEqual({
      error: { code: "org_not_found", message: 'No organization with slug "no-such-org"' },
    });
  });

  it("the query functions honour { all } and hand rows over in batches", async () => {
    const db = await getDb();
    const { organization } = await makeOrganization({ slug: `batch-${unique()}` });
    await seedRoster(organization.id, true);
    const collect = async <T>(
      fn: (db: never, organizationId: string, options: ExportOptions, onBatch: OnBatch<T>) => Promise<number>,
      options: ExportOptions,
    ) => {
      const batches: T[][] = [];
      const total = await fn(db as never, organization.id, options, (rows) => {
        batches.push(rows);
      });
      return { total, sizes: batches.map((rows) => rows.length), rows: batches.flat() };
    };
    expect(await collect(exportEnrollments, { all: true, batchSize: 2 })).toMatchObject({ total: 4, sizes: [2, 2] });
    expect(await collect(exportAssignments, { all: true, batchSize: 3 })).toMatchObject({ total: 4, sizes: [3, 1] });
    expect((await collect(exportSchools, {})).rows).toEqual([
      { schoolId: "S1", name: "Other S1", active: true },
      { schoolId: "S2", name: "North High", active: true },
    ]);
    expect((await collect(exportTerms, { all: true })).rows).toEqual([
      { name: "2025-26 S2", active: false },
      { name: "2026-27 S1", active: true },
    ]);
    expect((await collect(exportClasses, { all: true })).rows.map((row) => row.classId)).toEqual([
      "C-050",
      "C-100",
      "C-200",
    ]);
    expect((await collect(exportStudents, { all: true })).rows.map((row) => [row.studentId, row.active])).toEqual([
      ["000099", false],
      ["000123", true],
      ["000124", true],
    ]);
  });
});

describe("rostersync imports", () => {
  it("lists the organization's imports newest first, as JSON and as a table", async () => {
    const json = await cli("imports", "--org", slug, "--json");
    expect(json.code).toBe(0);
    expect(json.stdout.trim().split("\n")).toHaveLength(1);
    const adminEmail = JSON.parse(json.stdout).imports[0]?.actor;
    expect(adminEmail).toMatch(/^admin-.*@district\.test$/);
    expect(JSON.parse(json.stdout)).toEqual({
      imports: [
        {
          id: importIds.newer,
          createdAt: "2026-02-03T04:05:06.000Z",
          source: "upload",
          kind: "staff",
          fileName: "staff.xlsx",
          status: "applied_with_errors",
          rows: 7,
          actor: adminEmail,
          counts: { staff: { created: 4, updated: 1, reactivated: 0, deactivated: 0 } },
          errorCount: 2,
          warningCount: 1,
        },
        {
          id: importIds.older,
          createdAt: "2026-01-02T03:04:05.000Z",
          source: "cli",
          kind: "combined",
          fileName: "old.csv",
          status: "applied",
          rows: 3,
          actor: "cli",
          counts: null,
          errorCount: 0,
          warningCount: 0,
        },
      ],
    });

    const human = await cli("imports", "--org", slug, "--limit", "1");
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^ID {36}CREATED {15}SOURCE {2}KIND {3}STATUS {15}ROWS {2}ERRORS {2}WARNINGS {2}ACTOR +FILE$/,
    );
    expect(lines[1]).toContain(
      `${importIds.newer}  2026-02-03T04:05:06Z  upload  staff  applied_with_errors     7       2         1  ${adminEmail}  staff.xlsx`,
    );

    const badLimit = await cli("imports", "--org", slug, "--limit", "0");
    expect(badLimit.code).toBe(2);
  });
});
