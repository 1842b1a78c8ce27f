import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { tally } from "./deletion-report";
import { forgetPerson } from "./forget-person";
import { UNDO_TABLES } from "./privacy-tables";

// Retention (nightly housekeeping): per organization, what is older than its limits goes —
// finished imports with their issues, change samples and undo data; undo data older than the undo
// limit; audit entries; people deactivated for longer than the people limit (forgotten as on
// request, so their samples and issues go too). Each organization that lost something gets one
// "retention.pruned" audit entry with the counts. Staged rows of previews and holds are not here:
// they expire after 24 hours (expireStagedImports), which the same nightly pass runs first.

export type RetentionLimits = {
  importHistoryRetentionMonths: number;
  undoRetentionMonths: number;
  auditRetentionMonths: number;
  deactivatedPeopleRetentionMonths: number;
};

export const DEFAULT_RETENTION: RetentionLimits = {
  importHistoryRetentionMonths: 12,
  undoRetentionMonths: 12,
  auditRetentionMonths: 24,
  deactivatedPeopleRetentionMonths: 12,
};

export type PruneLine = { organizationId: string; removed: Record<string, number> };

/** `months` calendar months before `now` (the 31st falls back to the month's last day). */
export function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

const countOf = (result: unknown) => rowsOf(result).length;

export async function pruneRetained(db: Database, now: Date): Promise<PruneLine[]> {
  const organizations = rowsOf<RetentionLimits & { id: string }>(
    await db.execute(sql`
      select id, import_history_retention_months as "importHistoryRetentionMonths",
        undo_retention_months as "undoRetentionMonths", audit_retention_months as "auditRetentionMonths",
        deactivated_people_retention_months as "deactivatedPeopleRetentionMonths"
      from organizations order by created_at`),
  );
  const lines: PruneLine[] = [];
  for (const organization of organizations) {
    const removed = await pruneOrganization(db, organization, now);
    if (Object.keys(removed).length > 0) lines.push({ organizationId: organization.id, removed });
  }
  return lines;
}

async function pruneOrganization(
  db: Database,
  organization: RetentionLimits & { id: string },
  now: Date,
): Promise<Record<string, number>> {
  const organizationId = organization.id;
  const removed: Record<string, number> = {};

  // People deactivated for longer than the limit: forgotten one by one (each keeps its audit entry).
  const peopleCutoff = monthsBefore(now, organization.deactivatedPeopleRetentionMonths);
  const students = rowsOf<{ key: string }>(
    await db.execute(sql`select student_id as key from students
      where organization_id = ${organizationId} and not active and updated_at < ${peopleCutoff.toISOString()}`),
  );
  const staff = rowsOf<{ key: string }>(
    await db.execute(sql`select email as key from staff
      where organization_id = ${organizationId} and not active and updated_at < ${peopleCutoff.toISOString()}`),
  );
  const actor = { label: "retention" };
  for (const { key } of students) await forgetPerson(db, organizationId, { kind: "student", studentId: key }, actor);
  for (const { key } of staff) await forgetPerson(db, organizationId, { kind: "staff", email: key }, actor);
  tally(removed, "deactivated students", students.length);
  tally(removed, "deactivated staff", staff.length);

  await db.transaction(async (tx) => {
    // Undo data older than its own limit (it goes with its import in any case).
    const undoCutoff = monthsBefore(now, organization.undoRetentionMonths).toISOString();
    for (const table of UNDO_TABLES) {
      tally(
        removed,
        table,
        countOf(
          await tx.execute(sql`delete from ${sql.identifier(table)} u where u.organization_id = ${organizationId}
            and u.import_id in (select id from imports where organization_id = ${organizationId} and created_at < ${undoCutoff})
            returning 1`),
        ),
      );
    }
    // Finished imports past the limit, with their issues (and staged rows and undo data, by cascade).
    const importCutoff = monthsBefore(now, organization.importHistoryRetentionMonths).toISOString();
    const old = sql`organization_id = ${organizationId} and status not in ('queued', 'processing', 'preview', 'held')
      and coalesce(finished_at, created_at) < ${importCutoff}`;
    tally(
      removed,
      "import_issues",
      countOf(
        await tx.execute(sql`delete from import_issues where organization_id = ${organizationId}
          and import_id in (select id from imports where ${old}) returning 1`),
      ),
    );
    tally(removed, "imports", countOf(await tx.execute(sql`delete from imports where ${old} returning 1`)));
    // Audit entries past the limit.
    const auditCutoff = monthsBefore(now, organization.auditRetentionMonths).toISOString();
    tally(
      removed,
      "audit_log",
      countOf(
        await tx.execute(sql`delete from audit_log where organization_id = ${organizationId}
          and created_at < ${auditCutoff} returning 1`),
      ),
    );
    if (Object.keys(removed).length > 0) {
      await recordAudit(tx, organizationId, {
        actorLabel: "retention",
        action: "retention.pruned",
        details: { removed },
      });
    }
  });
  return removed;
}
