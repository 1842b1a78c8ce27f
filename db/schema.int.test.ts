import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";

// What the migrations leave behind on a fresh database, checked in the catalog.

// rate_limits holds counters keyed by what they count ("invitations:org:<id>"), not district data;
// job_heartbeats the job queue's running jobs by job id.
const infrastructureTables = new Set([
  "users",
  "accounts",
  "sessions",
  "verification_tokens",
  "organizations",
  "email_outbox",
  "rate_limits",
  "job_heartbeats",
]);

describe("schema after migrations", () => {
  it("has the whole domain", async () => {
    const db = await getDb();
    const tables = rowsOf<{ table_name: string }>(
      await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`),
    ).map((r) => r.table_name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "organizations",
        "memberships",
        "users",
        "accounts",
        "sessions",
        "verification_tokens",
        "schools",
        "terms",
        "classes",
        "students",
        "staff",
        "enrollments",
        "teaching_assignments",
        "student_schools",
        "staff_schools",
        "imports",
        "import_issues",
        "import_staged_rows",
        "column_mappings",
        "invitations",
        "email_outbox",
        "api_tokens",
        "nightly_sources",
        "audit_log",
        "rate_limits",
      ]),
    );
  });

  it("gives every district table organization_id NOT NULL", async () => {
    const db = await getDb();
    const columns = rowsOf<{ table_name: string; is_nullable: string | null }>(
      await db.execute(sql`
        select t.table_name, c.is_nullable
        from information_schema.tables t
        left join information_schema.columns c
          on c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'organization_id'
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`),
    );
    const districtTables = columns.filter((c) => !infrastructureTables.has(c.table_name));
    expect(districtTables.length).toBeGreaterThanOrEqual(18);
    const offenders = districtTables.filter((c) => c.is_nullable !== "NO").map((c) => c.table_name);
    expect(offenders).toEqual([]);
  });

  it("has the natural-key unique indexes of docs/domain.md", async () => {
    const db = await getDb();
    const indexes = rowsOf<{ indexname: string; indexdef: string }>(
      await db.execute(sql`select indexname, indexdef from pg_indexes where schemaname = 'public'`),
    );
    const unique = (name: string) => indexes.find((i) => i.indexname === name)?.indexdef ?? "";
    expect(unique("schools_org_school_id_key")).toMatch(/UNIQUE .*\(organization_id, school_id\)/);
    expect(unique("terms_org_name_key")).toMatch(/UNIQUE .*\(organization_id, name\)/);
    expect(unique("classes_org_class_id_key")).toMatch(/UNIQUE .*\(organization_id, class_id\)/);
    expect(unique("students_org_student_id_key")).toMatch(/UNIQUE .*\(organization_id, student_id\)/);
    expect(unique("staff_org_staff_id_key")).toMatch(
      /UNIQUE .*\(organization_id, staff_id\) WHERE \(staff_id IS NOT NULL\)/,
    );
    expect(unique("staff_org_email_key")).toMatch(/UNIQUE .*\(organization_id, email\)/);
    expect(unique("enrollments_class_student_key")).toMatch(/UNIQUE .*\(class_id, student_id\)/);
    expect(unique("teaching_assignments_class_staff_key")).toMatch(/UNIQUE .*\(class_id, staff_id\)/);
  });

  it("gives roster tables an active flag", async () => {
    const db = await getDb();
    const rows = rowsOf<{ table_name: string }>(
      await db.execute(sql`
        select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'active' and is_nullable = 'NO'`),
    ).map((r) => r.table_name);
    for (const table of ["schools", "terms", "classes", "students", "staff", "enrollments", "teaching_assignments"]) {
      expect(rows).toContain(table);
    }
  });
});
