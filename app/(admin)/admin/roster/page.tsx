import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { ComingSoon } from "../_components/coming-soon";

export const metadata: Metadata = { title: "Roster" };

export default async function RosterPage() {
  await requireAdmin();
  return <ComingSoon title="Roster">Browse schools, classes, students and staff as your imports left them.</ComingSoon>;
}
