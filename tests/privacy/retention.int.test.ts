import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { monthsBefore } from "@/lib/privacy/prune-retained";
import { runNightlySync } from "@/lib/sources/run-nightly-sync";
import { makeOrganization } from "@/tests/support/factories";
import { nightlyContext } from "@/tests/support/nightly";
import { combinedCsv, grid, importBytes } from "@/tests/support/roster-files";

// Retention (issue 19) with an injected clock: the nightly pass deletes what is past each
// organization's limits and keeps what is not, a day either side of each limit; it records what
// it pruned in the organization's audit log.

const day = 86_400_000;
// The nightly pass runs "25 hours from now": the preview staged below is then past its 24 hours.
const now = new Date(Date.now() + 25 * 3_600_000);
const ago = (months: number, days = 0) => new Date(monthsBefore(now, months).getTime() + days * day).toISOString();

async function setImportTime(importId: string, at: string) {
  const db = await getDb();
  await db.execute(sql`update imports set created_at = ${at}, finished_at = ${at} where id = ${importId}`);
}
const ids = async (query: ReturnType<typeof sql>) =>
  rowsOf<{ id: string }>(await (await getDb()).execute(query)).map((row) => String(row.id));

describe("retention", () => {
  it("prunes what is past the limits, keeps what is not, and records the counts", async () => {
    const db = await getDb();
    const { organization } = await makeOrganization();
    const keeper = await makeOrganization(); // longer limits: its old import stays
    await db.execute(sql`update organizations set import_history_retention_months = 24, audit_retention_months = 36
      where id = ${keeper.organization.id}`);

    // imports: one just past 12 months (with an issue), one just within
    const old = await importBytes(
      organization.id,
      combinedCsv([...grid("801", 1, 2), { school: "801", classId: "", studentId: "x" }]),
    );
    expect(old.issues.length).toBeGreaterThan(0);
    await setImportTime(old.id, ago(12, -1));
    const recent = await importBytes(organization.id, combinedCsv(grid("801", 1, 3)));
    await setImportTime(recent.id, ago(12, 1));
    const keptOld = await importBytes(keeper.organization.id, combinedCsv(grid("901", 1, 2)));
    await setImportTime(keptOld.id, ago(12, -1));
    // a preview whose staged rows are 25 hours old by the injected clock
    const preview = await importBytes(organization.id, combinedCsv(grid("801", 1, 4)), { mode: "preview" });
    expect(preview.status).toBe("preview");

    // people: 801-S3 deactivated just past 12 months, 801-S2 just within, 801-S1 active and untouched for years
    await db.execute(sql`update students set active = false, updated_at = ${ago(12, -1)}
      where organization_id = ${organization.id} and student_id = '801-S3'`);
    await db.execute(sql`update students set active = false, updated_at = ${ago(12, 1)}
      where organization_id = ${organization.id} and student_id = '801-S2'`);
    await db.execute(sql`update students set updated_at = ${ago(30)}
      where organization_id = ${organization.id} and student_id = '801-S1'`);

    // audit entries: just past 24 months, just within
    for (const [organizationId, action] of [
      [organization.id, "test.old"],
      [organization.id, "test.recent"],
      [keeper.organization.id, "test.old"],
    ] as const) {
      await recordAudit(db, organizationId, { actorLabel: "test", action });
    }
    await db.execute(sql`update audit_log set created_at = ${ago(24, -1)} where action = 'test.old'`);
    await db.execute(sql`update audit_log set created_at = ${ago(24, 1)} where action = 'test.recent'`);

    await runNightlySync(
      db,
      nightlyContext(() => now),
    );

    expect(
      await ids(sql`select id from imports where organization_id = ${organization.id} order by created_at`),
    ).toEqual([recent.id, preview.id]);
    expect(await ids(sql`select id from import_issues where import_id = ${old.id}`)).toEqual([]);
    expect(await ids(sql`select id from imports where id = ${keptOld.id}`)).toEqual([keptOld.id]);
    const [previewRow] = rowsOf<{ status: string }>(
      await db.execute(sql`select status from imports where id = ${preview.id}`),
    );
    expect(previewRow?.status).toBe("discarded");
    expect(await ids(sql`select import_id as id from import_staged_rows where import_id = ${preview.id}`)).toEqual([]);

    expect(
      await ids(
        sql`select student_id as id from students where organization_id = ${organization.id} order by student_id`,
      ),
    ).toEqual(["801-S1", "801-S2"]);

    const actions = async (organizationId: string) =>
      rowsOf<{ action: string }>(
        await db.execute(sql`select action from audit_log where organization_id = ${organizationId} order by id`),
      ).map((row) => row.action);
    expect(await actions(organization.id)).not.toContain("test.old");
    expect(await actions(organization.id)).toContain("test.recent");
    expect(await actions(keeper.organization.id)).toContain("test.old");

    const [pruned] = rowsOf<{ details: { removed: Record<string, number> } }>(
      await db.execute(sql`select details from audit_log where organization_id = ${organization.id}
        and action = 'retention.pruned'`),
    );
    expect(pruned?.details.removed).toMatchObject({ imports: 1, audit_log: 1, "deactivated students": 1 });
    expect(pruned?.details.removed["import_issues"]).toBeGreaterThan(0);

    // A second pass the same night has nothing left to prune and records nothing more.
    await runNightlySync(
      db,
      nightlyContext(() => now),
    );
    expect((await actions(organization.id)).filter((a) => a === "retention.pruned")).toHaveLength(1);
  });

  it("counts months by the calendar", () => {
    expect(monthsBefore(new Date("2027-03-31T06:00:00Z"), 1).toISOString()).toBe("2027-02-28T06:00:00.000Z");
    expect(monthsBefore(new Date("2027-01-15T00:00:00Z"), 12).toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });
});
