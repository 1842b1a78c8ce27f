import { exportClassList, type ClassListRow } from "@/db/queries/roster-classes";
import type { CsvColumn } from "@/lib/csv/csv-response";
import { requireAdmin } from "@/lib/auth/guards";
import { rosterCsv, statusText } from "@/lib/roster/roster-csv";

const columns: CsvColumn<ClassListRow>[] = [
  { label: "Class ID", value: (r) => r.classId },
  { label: "Class name", value: (r) => r.name },
  { label: "Period", value: (r) => r.period },
  { label: "Term", value: (r) => r.term },
  { label: "School ID", value: (r) => r.schoolId },
  { label: "School name", value: (r) => r.schoolName },
  { label: "Teachers", value: (r) => r.teachers },
  { label: "Students", value: (r) => r.students },
  { label: "Status", value: statusText },
];

/** The Classes list as CSV: every class the filters match, in list order. */
export async function GET(request: Request) {
  const admin = await requireAdmin();
  return rosterCsv(request, admin, "classes", columns, exportClassList);
}
