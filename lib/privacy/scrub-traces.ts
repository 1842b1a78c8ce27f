import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { tally } from "./deletion-report";
import { names, needlePattern, type PersonNeedles } from "./person-needles";

// The person's traces outside the roster tables, found by what names them (their id, email or
// full name) in the organization's free text: change samples, issue messages, staged rows of
// previews and held imports, mail, and audit details. Matched first in SQL (case-insensitive
// substring), then exactly in JS (whole tokens), so nothing is removed on a partial match.

/** `lower(text) like any needle`, for the SQL prefilter. */
function mentions(column: SQL, needles: PersonNeedles): SQL {
  const likes = needles.map((needle) => sql`strpos(lower(${column}), ${needle.toLowerCase()}) > 0`);
  return sql`(${sql.join(likes, sql` or `)})`;
}

type Samples = Record<string, Record<string, string[]>>;

export async function scrubTraces(
  tx: Executor,
  organizationId: string,
  needles: PersonNeedles,
  removed: Record<string, number>,
): Promise<void> {
  const pattern = needlePattern(needles);
  if (!pattern) return;

  // 1. change samples (imports.plan_summary.samples)
  const summaries = rowsOf<{ id: string; samples: Samples | null }>(
    await tx.execute(sql`
      select id, plan_summary -> 'samples' as samples from imports
      where organization_id = ${organizationId} and ${mentions(sql`(plan_summary -> 'samples')::text`, needles)}`),
  );
  for (const { id, samples } of summaries) {
    if (!samples) continue;
    let taken = 0;
    const kept: Samples = {};
    for (const [type, changes] of Object.entries(samples)) {
      kept[type] = {};
      for (const [change, list] of Object.entries(changes)) {
        kept[type][change] = list.filter((sample) => !names(pattern, sample));
        taken += list.length - kept[type][change].length;
      }
    }
    if (taken === 0) continue;
    await tx.execute(sql`
      update imports set plan_summary = jsonb_set(plan_summary, '{samples}', ${JSON.stringify(kept)}::jsonb)
      where organization_id = ${organizationId} and id = ${id}`);
    tally(removed, "imports (change samples)", taken);
  }

  // 2. issues whose message names them
  const issues = rowsOf<{ id: number; message: string }>(
    await tx.execute(sql`
      select id, message from import_issues
      where organization_id = ${organizationId} and ${mentions(sql`message`, needles)}`),
  ).filter((issue) => names(pattern, issue.message));
  if (issues.length > 0) {
    await tx.execute(sql`
      delete from import_issues where organization_id = ${organizationId}
        and id in (${sql.join(
          issues.map((issue) => sql`${issue.id}`),
          sql`, `,
        )})`);
    tally(removed, "import_issues", issues.length);
  }

  // 3. staged rows of previews and held imports
  const chunks = rowsOf<{ importId: string; chunk: number; rows: unknown[] }>(
    await tx.execute(sql`
      select import_id as "importId", chunk, rows from import_staged_rows
      where organization_id = ${organizationId} and ${mentions(sql`rows::text`, needles)}`),
  );
  for (const chunk of chunks) {
    const kept = chunk.rows.filter((row) => !names(pattern, JSON.stringify(row)));
    if (kept.length === chunk.rows.length) continue;
    await tx.execute(sql`
      update import_staged_rows set rows = ${JSON.stringify(kept)}::jsonb
      where organization_id = ${organizationId} and import_id = ${chunk.importId} and chunk = ${chunk.chunk}`);
    tally(removed, "import_staged_rows (rows)", chunk.rows.length - kept.length);
  }

  // 4. mail of the organization that names them (invitations, held-import notices)
  const mail = rowsOf<{ id: string; text: string }>(
    await tx.execute(sql`
      select id, concat_ws(' ', "to", subject, text, html) as text from email_outbox
      where organization_id = ${organizationId}
        and ${mentions(sql`concat_ws(' ', "to", subject, text, html)`, needles)}`),
  ).filter((row) => names(pattern, row.text));
  if (mail.length > 0) {
    await tx.execute(sql`
      delete from email_outbox where organization_id = ${organizationId}
        and id in (${sql.join(
          mail.map((row) => sql`${row.id}`),
          sql`, `,
        )})`);
    tally(removed, "email_outbox", mail.length);
  }

  // 5. audit details that name them: the entry stays, the naming value goes
  const entries = rowsOf<{ id: number; details: Record<string, unknown> }>(
    await tx.execute(sql`
      select id, details from audit_log
      where organization_id = ${organizationId} and details is not null and ${mentions(sql`details::text`, needles)}`),
  );
  for (const entry of entries) {
    const kept = Object.fromEntries(
      Object.entries(entry.details).filter(([, value]) => !names(pattern, JSON.stringify(value))),
    );
    if (Object.keys(kept).length === Object.keys(entry.details).length) continue;
    await tx.execute(sql`
      update audit_log set details = ${JSON.stringify(kept)}::jsonb
      where organization_id = ${organizationId} and id = ${entry.id}`);
    tally(removed, "audit_log (details)", 1);
  }
}
