import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { UserFacingError } from "@/lib/errors";
import { withImportLock } from "@/lib/import/import-lock";
import { requireOrganization } from "@/lib/organizations/require-organization";
import { tally, type DeletionReport } from "./deletion-report";
import { countOrganizationRows } from "./organization-tables";

// Offboarding a district (Settings → Data & privacy → Danger zone; `rostersync org:delete`):
// every row of the organization goes from every table that has organization_id (found in the
// catalog, lib/privacy/organization-tables.ts), and with them the users who belonged to no other
// organization (their sessions, accounts, sign-in links and counters). Checked afterwards: if any
// table still holds a row of it, the whole deletion is rolled back.

export type DeleteOrganizationActor = { userId?: string | null; label: string };

export async function deleteOrganization(
  db: Database,
  slug: string,
  confirm: string,
  actor: DeleteOrganizationActor,
  now: () => Date = () => new Date(),
): Promise<DeletionReport> {
  const organization = await requireOrganization(db, slug);
  if (confirm.trim().toLowerCase() !== organization.slug)
    throw new UserFacingError(
      `To delete "${organization.name}", confirm with its slug "${organization.slug}" exactly.`,
      "confirmation_mismatch",
    );
  const organizationId = organization.id;
  return withImportLock(db, organizationId, async (tx) => {
    const removed = await countOrganizationRows(tx, organizationId);
    removed.organizations = 1;

    // Users whose only memberships are here, before the memberships go.
    const onlyHere = rowsOf<{ id: string; email: string | null }>(
      await tx.execute(sql`
        select u.id, lower(u.email) as email from users u
        where exists (select 1 from memberships m where m.user_id = u.id and m.organization_id = ${organizationId})
          and not exists (select 1 from memberships m where m.user_id = u.id and m.organization_id <> ${organizationId})`),
    );
    const userIds = onlyHere.map((u) => u.id);
    const emails = onlyHere.flatMap((u) => (u.email ? [u.email] : []));
    const count = async (query: ReturnType<typeof sql>) => rowsOf(await tx.execute(query)).length;
    if (userIds.length > 0) {
      const ids = sql.join(
        userIds.map((id) => sql`${id}`),
        sql`, `,
      );
      tally(removed, "sessions", await count(sql`delete from sessions where user_id in (${ids}) returning 1`));
      tally(removed, "accounts", await count(sql`delete from accounts where user_id in (${ids}) returning 1`));
    }
    if (emails.length > 0) {
      const list = sql.join(
        emails.map((email) => sql`${email}`),
        sql`, `,
      );
      tally(
        removed,
        "verification_tokens",
        await count(sql`delete from verification_tokens where lower(identifier) in (${list}) returning 1`),
      );
      tally(
        removed,
        "email_outbox",
        await count(
          sql`delete from email_outbox where organization_id is null and lower("to") in (${list}) returning 1`,
        ),
      );
    }
    tally(
      removed,
      "rate_limits",
      await count(sql`delete from rate_limits where strpos(key, ${organizationId}) > 0 returning 1`),
    );
    // organization_id cascades: every district table's rows go with the organization.
    await tx.execute(sql`delete from organizations where id = ${organizationId}`);
    if (userIds.length > 0) {
      tally(
        removed,
        "users",
        await count(
          sql`delete from users where id in (${sql.join(
            userIds.map((id) => sql`${id}`),
            sql`, `,
          )}) returning 1`,
        ),
      );
    }
    const left = await countOrganizationRows(tx, organizationId);
    if (Object.keys(left).length > 0)
      throw new Error(`organization rows left after delete in: ${Object.keys(left).join(", ")}`);
    return {
      what: "organization",
      subject: organization.slug,
      removed,
      at: now(),
      by: actor.label,
      notes: [
        `Everything RosterSync held for "${organization.name}" is gone: roster, imports, invitations, settings and the audit log.`,
      ],
    };
  });
}
