import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/guards";
import { parseStaffListParams, staffListHref } from "@/lib/staff/staff-list-params";

/**
 * The Roster's Staff tab is the Staff page: one list of staff, with their invitations. Old links
 * land there with their search and status (`inactive` → deactivated).
 */
export default async function RosterStaffPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const params = parseStaffListParams(await searchParams);
  // The roster's "active" (the default) and "all" both mean everyone on the Staff page.
  redirect(staffListHref({ ...params, status: params.status === "active" ? undefined : params.status }));
}
