import { exportStudentList, type StudentListRow } from "@/db/queries/roster-students";
import type { CsvColumn } from "@/lib/csv/csv-response";
import { rosterCsvRoute, statusText } from "@/lib/roster/roster-csv";

const columns: CsvColumn<StudentListRow>[] = [
  { label: "Student ID", value: (r) => r.studentId },
  { label: "Last name", value: (r) => r.lastName },
  { label: "First name", value: (r) => r.firstName },
  { label: "Grade", value: (r) => r.grade },
  { label: "Email", value: (r) => r.email },
  { label: "Status", value: statusText },
];

/** The Students list as CSV: every student the search and status match, in list order. */
export const GET = rosterCsvRoute("students", columns, exportStudentList);
