import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { staff } from "@/db/schema/roster";

export const invitationStatuses = ["accepted", "invited", "expired", "send_failed", "not_invited"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** Statuses of an active staff member who has no working invitation and has not accepted. */
export const statusesNeedingInvitation = [
  "not_invited",
  "expired",
  "send_failed",
] as const satisfies readonly InvitationStatus[];

/**
 * A staff member's invitation status, as one SQL expression over a row of `staff` (pass an
 * alias of the table when the query uses one). First match wins:
 * - "accepted": a membership points at the staff record, or one of its invitations was accepted;
 * - "invited": an invitation whose mail went out, not accepted, not revoked, not yet expired;
 * - then the newest invitation decides: "send_failed" when its mail could not be sent,
 *   "expired" when it ran out unaccepted (and was not revoked);
 * - "not_invited": anything else (never invited, or the newest invitation was revoked).
 */
export function invitationStatusSql(
  record: { id: AnyPgColumn; organizationId: AnyPgColumn } = staff,
): SQL<InvitationStatus> {
  const ofRecord = sql`i.organization_id = ${record.organizationId} and i.staff_id = ${record.id}`;
  return sql<InvitationStatus>`case
    when exists (select 1 from memberships m where m.organization_id = ${record.organizationId} and m.staff_id = ${record.id})
      or exists (select 1 from invitations i where ${ofRecord} and i.accepted_at is not null)
      then 'accepted'
    when exists (select 1 from invitations i where ${ofRecord} and ${invitationIsOpen}) then 'invited'
    else coalesce((
      select case
          when i.revoked_at is not null then 'not_invited'
          when i.send_failed_at is not null then 'send_failed'
          when i.expires_at <= now() then 'expired'
          else 'not_invited'
        end
      from invitations i
      where ${ofRecord} order by i.created_at desc, i.id desc limit 1
    ), 'not_invited')
  end`;
}

/**
 * An invitation row (aliased `i`) whose link works: mailed, not accepted, not revoked, not
 * expired. The one definition used by the status above and by accepting and revoking.
 */
export const invitationIsOpen = sql.raw(
  "i.accepted_at is null and i.revoked_at is null and i.send_failed_at is null and i.expires_at > now()",
);
