import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db/client";

// The whole database as text, to search for what must not be there: `pg_dump --data-only` on
// PostgreSQL (every schema, every table, as the operator's backup would hold it), and on PGlite
// every row of every table of every schema, one line per row.

const run = promisify(execFile);

export async function dumpDatabase(): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { stdout } = await run("pg_dump", ["--data-only", "--no-owner", url], { maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  }
  const db = await getDb();
  const tables = rowsOf<{ schema: string; name: string }>(
    await db.execute(sql`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`),
  );
  const lines: string[] = [];
  for (const table of tables) {
    const rows = rowsOf<{ line: string }>(
      await db.execute(
        sql`select t::text as line from ${sql.identifier(table.schema)}.${sql.identifier(table.name)} t`,
      ),
    );
    lines.push(`-- ${table.schema}.${table.name}`, ...rows.map((row) => row.line));
  }
  return lines.join("\n");
}

/** The needles the text holds (case-insensitive). */
export function needlesIn(text: string, needles: string[]): string[] {
  const lower = text.toLowerCase();
  return needles.filter((needle) => lower.includes(needle.toLowerCase()));
}
