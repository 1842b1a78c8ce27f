import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/guards";

/** The Roster opens on its first tab. */
export default async function RosterPage() {
  await requireAdmin();
  redirect("/admin/roster/schools");
}
