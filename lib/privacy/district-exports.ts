// Everything a district can take with it before it leaves (Settings → Data & privacy, offered
// again in the Danger zone before deleting the organization). Each entry is one download an
// admin may open; a new export is one more line here.

export type DistrictExport = { label: string; href: string; description: string };

export const DISTRICT_EXPORTS: readonly DistrictExport[] = [
  {
    label: "Schools",
    href: "/admin/roster/schools/export?status=all",
    description: "Every school, active or not (CSV).",
  },
  {
    label: "Classes",
    href: "/admin/roster/classes/export?status=all",
    description: "Every class with its term, school and counts (CSV).",
  },
  {
    label: "Students",
    href: "/admin/roster/students/export?status=all",
    description: "Every student, active or not (CSV).",
  },
  {
    label: "Staff",
    href: "/admin/roster/staff/export?status=all",
    description: "Every staff member, active or not (CSV).",
  },
  {
    label: "Import Details",
    href: "/admin/imports/export",
    description: "Every import: when, source, file name, outcome, counts (CSV).",
  },
  {
    label: "Audit log",
    href: "/admin/settings/audit/export",
    description: "Who did what, as kept by your retention settings (CSV).",
  },
];
