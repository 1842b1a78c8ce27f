import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { makeOrganization } from "@/tests/support/factories";
import { activeIds, combinedCsv, grid, importBytes, writeStamp } from "@/tests/support/roster-files";

// Faults (issue 8), PostgreSQL only: the database connection of an import is killed in the middle
// of apply (pg_terminate_backend, from a trigger on the last table apply writes). The roster is
// unchanged, the import is recorded failed, the organization's import lock is free and the next
// import succeeds. PGlite has no separate backend to kill.

const onPostgres = Boolean(process.env.DATABASE_URL);

describe.runIf(onPostgres)("the database connection killed mid-apply", () => {
  it("rolls back, records the import failed, frees the lock, and the next run succeeds", async () => {
    const org = (await makeOrganization()).organization.id;
    await importBytes(org, combinedCsv(grid("101", 2, 2)));
    const before = await writeStamp(org);
    const beforeIds = await activeIds(org);
    const db = await getDb();
    const fn = `kill_apply_${org.replace(/-/g, "")}`;
    // Teaching assignments are written after schools, people, classes and enrollments.
    await db.execute(
      sql.raw(`create or replace function ${fn}() returns trigger language plpgsql as $$
      begin if new.organization_id = '${org}' then perform pg_terminate_backend(pg_backend_pid()); perform pg_sleep(5); end if; return new; end $$`),
    );
    await db.execute(
      sql.raw(`create trigger ${fn} before insert on teaching_assignments for each row execute function ${fn}()`),
    );
    let killed;
    try {
      killed = await importBytes(org, combinedCsv([...grid("101", 2, 2), ...grid("303", 2, 2)]));
    } finally {
      await db.execute(sql.raw(`drop trigger if exists ${fn} on teaching_assignments`));
      await db.execute(sql.raw(`drop function if exists ${fn}()`));
    }
    expect(killed.status).toBe("failed");
    expect(killed.issues[0]).toMatchObject({ code: "internal_error" });
    expect(killed.issues[0]?.message).toMatch(/terminat|connection|closed/i);
    expect(await writeStamp(org)).toBe(before);
    expect(await activeIds(org)).toEqual(beforeIds);
    const [record] = rowsOf<{ status: string }>(
      await db.execute(sql`select status from imports where id = ${killed.id}`),
    );
    expect(record?.status).toBe("failed");

    // The lock is free: the same file again applies.
    const next = await importBytes(org, combinedCsv([...grid("101", 2, 2), ...grid("303", 2, 2)]));
    expect(next.status).toBe("applied");
    expect((await activeIds(org)).classes).toEqual(["101-C1", "101-C2", "303-C1", "303-C2"]);
  });
});
