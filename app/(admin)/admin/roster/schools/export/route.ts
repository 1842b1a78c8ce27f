import { exportSchoolList, type SchoolListRow } from "@/db/queries/roster-schools";
import type { CsvColumn } from "@/lib/csv/csv-response";
import { requireAdmin } from "@/lib/auth/guards";
import { rosterCsv } from "@/lib/roster/roster-csv";

const columns: CsvColumn<SchoolListRow>[] = [
  { label: "School ID", value: (r) => r.schoolId },
  { label: "Name", value: (r) => r.name },
  { label: "Active classes", value: (r) => r.classes },
  { label: "Students", value: (r) => r.students },
  { label: "Staff", value: (r) => r.staff },
];

/** The Schools list as CSV, with the list's search. */
export async function GET(request: Request) {
  const admin = await requireAdmin();
  return rosterCsv(request, admin, "schools", columns, exportSchoolList);
}
