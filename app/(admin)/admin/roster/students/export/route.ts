import { exportStudentList, type StudentListRow } from "@/db/queries/roster-students";
import type { CsvColumn } from "@/lib/csv/csv-response";
import { requireAdmin } from "@/lib/auth/guards";
import { rosterCsv, statusText } from "@/lib/roster/roster-csv";

const columns: CsvColumn<StudentListRow>[] = [
  { label: "Student ID", value: (r) => r.studentId },
  { label: "Last name", value: (r) => r.lastName },
  { label: "First name", value: (r) => r.firstName },
  { label: "Grade", value: (r) => r.grade },
  { label: "Email", value: (r) => r.email },
  { label: "Status", value: statusText },
];

/** The Students list as CSV: every student the search and status match, in list order. */
export async function GET(request: Request) {
  const admin = await requireAdmin();
  return rosterCsv(request, admin, "students", columns, exportStudentList);
}
