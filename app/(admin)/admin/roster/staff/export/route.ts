import { exportStaffList, type StaffListRow } from "@/db/queries/roster-staff";
import type { CsvColumn } from "@/lib/csv/csv-response";
import { requireAdmin } from "@/lib/auth/guards";
import { rosterCsv, statusText } from "@/lib/roster/roster-csv";
import { invitationStatusText } from "@/lib/roster/invitation-status";

const columns: CsvColumn<StaffListRow>[] = [
  { label: "Staff ID", value: (r) => r.staffId },
  { label: "Last name", value: (r) => r.lastName },
  { label: "First name", value: (r) => r.firstName },
  { label: "Email", value: (r) => r.email },
  { label: "Title", value: (r) => r.title },
  { label: "Invitation", value: (r) => invitationStatusText(r.invitationStatus) },
  { label: "Active classes", value: (r) => r.classes },
  { label: "Status", value: statusText },
];

/** The Staff list as CSV: every staff member the search and status match, in list order. */
export async function GET(request: Request) {
  const admin = await requireAdmin();
  return rosterCsv(request, admin, "staff", columns, exportStaffList);
}
