import { sql } from "drizzle-orm";
import { staff } from "@/db/schema/roster";
import {
  rosterList,
  searchCondition,
  searchFence,
  statusCondition,
  type ListQuery,
  type RosterStatus,
} from "./roster-list";
import { invitationStatusSql, type InvitationStatus } from "./staff";

// The admin's Staff tab (the roster view; inviting is the Staff page's job). Search: the start of
// the last name, first name or email. Order: last name, first name (case-insensitive), email.

export type StaffFilters = { q: string; status: RosterStatus };

export type StaffListRow = {
  id: number;
  staffId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  title: string | null;
  active: boolean;
  invitationStatus: InvitationStatus;
  /** Active classes they teach now. */
  classes: number;
};

function staffListQuery(organizationId: string, filters: StaffFilters): ListQuery {
  return {
    select: sql`staff.id::float8 as id, staff.staff_id as "staffId", staff.first_name as "firstName", staff.last_name as "lastName",
      staff.email, staff.title, staff.active, ${invitationStatusSql(staff)} as "invitationStatus",
      (select count(*)::int from teaching_assignments a join classes c on c.id = a.class_id and c.organization_id = a.organization_id
       where a.organization_id = staff.organization_id and a.staff_id = staff.id and a.active and c.active) as classes`,
    from: sql`(select * from staff
      where staff.organization_id = ${organizationId}
      ${statusCondition(sql`staff.active`, filters.status)}
      ${searchCondition(filters.q, sql`staff.search_words`)}
      ${searchFence(filters.q)}) staff`,
    orderBy: sql`lower(staff.last_name) collate "C", lower(staff.first_name) collate "C", staff.email collate "C"`,
  };
}

const staffList = rosterList<StaffFilters, StaffListRow>(staffListQuery);
export const listStaff = staffList.page;
export const exportStaffList = staffList.exportAll;
