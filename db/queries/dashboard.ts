import { and, count, eq, sql } from "drizzle-orm";
import { rowsOf, type Executor } from "@/db/client";
import { staff } from "@/db/schema/roster";
import { invitationStatusSql, statusesNeedingInvitation } from "./staff";

export type DashboardCounts = { schools: number; classes: number; students: number; staff: number };

/** Active roster counts of one organization. */
export async function getActiveCounts(db: Executor, organizationId: string): Promise<DashboardCounts> {
  const result = await db.execute(sql`
    select
      (select count(*) from schools where organization_id = ${organizationId} and active)::int as schools,
      (select count(*) from classes where organization_id = ${organizationId} and active)::int as classes,
      (select count(*) from students where organization_id = ${organizationId} and active)::int as students,
      (select count(*) from staff where organization_id = ${organizationId} and active)::int as staff
  `);
  const [row] = rowsOf<DashboardCounts>(result);
  return row ?? { schools: 0, classes: 0, students: 0, staff: 0 };
}

/**
 * Active staff who need an invitation: never invited, their invitation expired or was revoked,
 * or its mail could not be sent. The Staff page's "Needs an invitation" filter shows them.
 */
export async function countStaffNotInvited(db: Executor, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(staff)
    .where(
      and(
        eq(staff.organizationId, organizationId),
        eq(staff.active, true),
        sql`${invitationStatusSql()} in ${sql.raw(`('${statusesNeedingInvitation.join("', '")}')`)}`,
      ),
    );
  return row?.n ?? 0;
}
