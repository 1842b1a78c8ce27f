import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { invitations } from "@/db/schema/invitations";
import { searchCondition } from "./roster-list";
import { schoolLabelSql, schoolMenuOrder } from "./roster-schools";
import { invitationIsOpen, invitationStatusSql, statusesNeedingInvitation, type InvitationStatus } from "./staff";

// Invitation reads and writes. Every function takes the executor, then the organization —
// except findInvitationByTokenHash: the token is what identifies the organization.

/** What the Staff page shows and filters by: an inactive record is "deactivated" whatever its invitations. */
export const staffPageStatuses = ["not_invited", "invited", "expired", "send_failed", "active", "deactivated"] as const;
export type StaffPageStatus = (typeof staffPageStatuses)[number];

export type StaffForInvitation = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  active: boolean;
  status: InvitationStatus;
};

/**
 * The staff records about to be invited, locked (`for update`) until the transaction ends so two
 * admins sending to the same person at once take turns. Ids of other organizations are not found.
 */
export async function lockStaffForInvitation(
  db: Executor,
  organizationId: string,
  staffId: number,
): Promise<StaffForInvitation | undefined> {
  const [row] = rowsOf<StaffForInvitation>(
    await db.execute(sql`
      select staff.id::int as id, staff.email, staff.first_name as "firstName", staff.last_name as "lastName",
             staff.active, ${invitationStatusSql()} as status
      from staff
      where staff.organization_id = ${organizationId} and staff.id = ${staffId}
      for update of staff`),
  );
  return row;
}

/** Whether the staff member was ever sent an invitation (a new one is then a "resend"). */
export async function hasEarlierInvitation(db: Executor, organizationId: string, staffId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(invitations)
    .where(and(eq(invitations.organizationId, organizationId), eq(invitations.staffId, staffId)))
    .limit(1);
  return row !== undefined;
}

/** Revokes the staff member's working links; answers how many there were. */
export async function revokeOpenInvitations(db: Executor, organizationId: string, staffId: number): Promise<number> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      update invitations i set revoked_at = now()
      where i.organization_id = ${organizationId} and i.staff_id = ${staffId} and ${invitationIsOpen}
      returning i.id`),
  );
  return rows.length;
}

export async function insertInvitation(
  db: Executor,
  organizationId: string,
  values: { staffId: number; email: string; tokenHash: string; expiresAt: Date; sentByUserId: string | null },
): Promise<{ id: string; createdAt: Date }> {
  const [row] = await db
    .insert(invitations)
    .values({ organizationId, ...values })
    .returning({ id: invitations.id, createdAt: invitations.createdAt });
  if (!row) throw new Error("insertInvitation returned no row");
  return row;
}

/** The mail of this invitation could not be sent: its link never works. */
export async function markInvitationSendFailed(
  db: Executor,
  organizationId: string,
  invitationId: string,
): Promise<void> {
  await db
    .update(invitations)
    .set({ sendFailedAt: sql`now()` })
    .where(and(eq(invitations.organizationId, organizationId), eq(invitations.id, invitationId)));
}

/**
 * Marks the invitation accepted if, at this instant, it still works and its staff record is
 * active with the same email. One statement, so of two accepts racing on one link exactly one
 * sees a row come back.
 */
export async function claimInvitation(
  db: Executor,
  organizationId: string,
  invitationId: string,
  userId: string,
): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      update invitations i set accepted_at = now(), accepted_user_id = ${userId}
      where i.organization_id = ${organizationId} and i.id = ${invitationId} and ${invitationIsOpen}
        and exists (select 1 from staff s where s.organization_id = i.organization_id and s.id = i.staff_id and s.active and s.email = i.email)
      returning i.id`),
  );
  return rows.length === 1;
}

export type InvitationByToken = {
  id: string;
  organizationId: string;
  organizationName: string;
  staffId: number;
  email: string;
  staffEmail: string;
  firstName: string;
  lastName: string;
  staffActive: boolean;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  sendFailedAt: Date | null;
};

export async function findInvitationByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<InvitationByToken | undefined> {
  const [row] = rowsOf<InvitationByToken>(
    await db.execute(sql`
      select i.id, i.organization_id as "organizationId", o.name as "organizationName", i.staff_id::int as "staffId",
             i.email, s.email as "staffEmail", s.first_name as "firstName", s.last_name as "lastName", s.active as "staffActive",
             i.expires_at as "expiresAt", i.accepted_at as "acceptedAt", i.revoked_at as "revokedAt", i.send_failed_at as "sendFailedAt"
      from invitations i
      join organizations o on o.id = i.organization_id
      join staff s on s.id = i.staff_id and s.organization_id = i.organization_id
      where i.token_hash = ${tokenHash}`),
  );
  return (
    row && {
      ...row,
      expiresAt: toDate(row.expiresAt),
      acceptedAt: toDateOrNull(row.acceptedAt),
      revokedAt: toDateOrNull(row.revokedAt),
      sendFailedAt: toDateOrNull(row.sendFailedAt),
    }
  );
}

// Raw queries answer timestamps as strings on PGlite and Dates on postgres.js.
const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const toDateOrNull = (value: Date | string | null) => (value === null ? null : toDate(value));

/** "needs_invitation" = not invited, expired or sending failed (statusesNeedingInvitation). */
export type StaffListFilters = {
  status?: StaffPageStatus | "needs_invitation";
  schoolId?: number;
  /** Search: any word of the name or the start of the email, accents and case ignored (as the roster lists search). */
  q?: string;
  page?: number;
  pageSize?: number;
};

const needsInvitation = sql.raw(`page_status in ('${statusesNeedingInvitation.join("', '")}')`);

export type StaffListRow = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  staffId: string | null;
  schools: string[];
  /** Active classes they teach now. */
  classes: number;
  status: StaffPageStatus;
  /** The newest invitation: when it was sent, by whom, until when it works. */
  sentAt: Date | null;
  sentByEmail: string | null;
  expiresAt: Date | null;
};

/** The staff of the schools the admin filtered by (all when none) matching the search, with their page status. */
function staffWithStatus(organizationId: string, schoolId: number | undefined, q = "") {
  const inSchool =
    schoolId === undefined
      ? sql`true`
      : sql`(exists (select 1 from staff_schools ss where ss.staff_id = staff.id and ss.school_id = ${schoolId} and ss.active)
          or exists (select 1 from teaching_assignments ta join classes c on c.id = ta.class_id
                     where ta.staff_id = staff.id and ta.active and c.active and c.school_id = ${schoolId}))`;
  return sql`
    select staff.*, case when not staff.active then 'deactivated' when st.status = 'accepted' then 'active' else st.status end as page_status
    from staff cross join lateral (select ${invitationStatusSql()} as status) st
    where staff.organization_id = ${organizationId} and ${inSchool}
      ${searchCondition(q, sql`staff.search_words`)}`;
}

/** One page of the Staff page's list (by last name), and how many match the filters. */
export async function listStaffInvitations(
  db: Executor,
  organizationId: string,
  filters: StaffListFilters = {},
): Promise<{ rows: StaffListRow[]; total: number; counts: Record<StaffPageStatus, number> }> {
  const pageSize = filters.pageSize ?? 50;
  const offset = Math.max(0, (filters.page ?? 1) - 1) * pageSize;
  const statusFilter =
    filters.status === "needs_invitation"
      ? needsInvitation
      : filters.status
        ? sql`page_status = ${filters.status}`
        : sql`true`;
  const rows = rowsOf<StaffListRow & { sentAt: Date | string | null; expiresAt: Date | string | null }>(
    await db.execute(sql`
      with s as (${staffWithStatus(organizationId, filters.schoolId, filters.q)})
      select s.id::int as id, s.email, s.first_name as "firstName", s.last_name as "lastName", s.staff_id as "staffId",
             (select count(*)::int from teaching_assignments a join classes c on c.id = a.class_id and c.organization_id = a.organization_id
              where a.organization_id = s.organization_id and a.staff_id = s.id and a.active and c.active) as classes,
             s.page_status as status, latest.created_at as "sentAt", latest.expires_at as "expiresAt", u.email as "sentByEmail",
             array(
               select ${schoolLabelSql("sc")} from schools sc
               where sc.organization_id = s.organization_id and (
                 exists (select 1 from staff_schools ss where ss.staff_id = s.id and ss.school_id = sc.id and ss.active)
                 or exists (select 1 from teaching_assignments ta join classes c on c.id = ta.class_id
                            where ta.staff_id = s.id and ta.active and c.active and c.school_id = sc.id))
               order by ${schoolMenuOrder("sc")}
             ) as schools
      from s
      left join lateral (
        select i.created_at, i.expires_at, i.sent_by_user_id from invitations i
        where i.organization_id = s.organization_id and i.staff_id = s.id
        order by i.created_at desc, i.id desc limit 1
      ) latest on true
      left join users u on u.id = latest.sent_by_user_id
      where ${statusFilter}
      order by s.last_name, s.first_name, s.email, s.id
      limit ${pageSize} offset ${offset}`),
  );
  const countRows = rowsOf<{ status: StaffPageStatus; n: number }>(
    await db.execute(sql`
      with s as (${staffWithStatus(organizationId, filters.schoolId, filters.q)})
      select page_status as status, count(*)::int as n from s group by page_status`),
  );
  const counts = Object.fromEntries(staffPageStatuses.map((status) => [status, 0])) as Record<StaffPageStatus, number>;
  for (const row of countRows) counts[row.status] = row.n;
  const sum = (statuses: readonly StaffPageStatus[]) => statuses.reduce((n, status) => n + counts[status], 0);
  const total =
    filters.status === "needs_invitation"
      ? sum(statusesNeedingInvitation)
      : filters.status
        ? counts[filters.status]
        : sum(staffPageStatuses);
  return {
    rows: rows.map((row) => ({
      ...row,
      sentAt: row.sentAt === null ? null : toDate(row.sentAt),
      expiresAt: row.expiresAt === null ? null : toDate(row.expiresAt),
    })),
    total,
    counts,
  };
}

/** Ids of the active staff who need an invitation (see countStaffNotInvited), in the school filter and search. */
export async function listStaffNeedingInvitation(
  db: Executor,
  organizationId: string,
  schoolId?: number,
  q = "",
): Promise<number[]> {
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      with s as (${staffWithStatus(organizationId, schoolId, q)})
      select s.id::int as id from s where ${needsInvitation} order by s.last_name, s.first_name, s.id`),
  );
  return rows.map((row) => row.id);
}

/** The organization's active schools, for the Staff page's school filter. */
export async function listSchoolFilterOptions(
  db: Executor,
  organizationId: string,
): Promise<Array<{ id: number; label: string }>> {
  return rowsOf<{ id: number; label: string }>(
    await db.execute(sql`
      select sc.id::int as id, ${schoolLabelSql("sc")} as label
      from schools sc where sc.organization_id = ${organizationId} and sc.active order by ${schoolMenuOrder("sc")}`),
  );
}
