import type { StaffPageStatus } from "@/db/queries/invitations";
import type { StaffFilterStatus } from "@/lib/staff/staff-list-params";

export const statusLabels: Record<StaffPageStatus, string> = {
  not_invited: "Not invited",
  invited: "Invited",
  expired: "Invitation expired",
  send_failed: "Sending failed",
  active: "Active",
  deactivated: "Deactivated",
};

/** The status filter's choices: "Not invited" takes in expired and failed invitations too. */
export const filterLabels: Record<StaffFilterStatus, string> = {
  not_invited: "Not invited (or expired, or failed)",
  invited: "Invited, waiting",
  active: "Active",
  deactivated: "Deactivated",
};

export const statusTones: Record<StaffPageStatus, string> = {
  not_invited: "bg-slate-100 text-slate-700",
  invited: "bg-indigo-50 text-indigo-700",
  expired: "bg-amber-50 text-amber-800",
  send_failed: "bg-red-50 text-red-800",
  active: "bg-emerald-50 text-emerald-800",
  deactivated: "bg-slate-200 text-slate-600",
};
