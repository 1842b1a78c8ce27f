import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";

// The tables that hold district data, read from the database catalog rather than written down:
// a table added later with organization_id is deleted and exported with its organization
// without anyone remembering to list it.

/** Every table of the public schema with an organization_id column (organizations itself aside). */
export async function tablesWithOrganizationId(db: Executor): Promise<string[]> {
  return rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.table_name as name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'organization_id' and t.table_type = 'BASE TABLE'
      order by c.table_name`),
  ).map((row) => row.name);
}

/** Every table of the public schema. */
export async function allTables(db: Executor): Promise<string[]> {
  return rowsOf<{ name: string }>(
    await db.execute(sql`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  ).map((row) => row.name);
}

/** How many rows of each table belong to the organization (tables with none left out). */
export async function countOrganizationRows(db: Executor, organizationId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesWithOrganizationId(db)) {
    const [row] = rowsOf<{ n: number | string }>(
      await db.execute(
        sql`select count(*) as n from ${sql.identifier(table)} where organization_id = ${organizationId}`,
      ),
    );
    const n = Number(row?.n ?? 0);
    if (n > 0) counts[table] = n;
  }
  return counts;
}
