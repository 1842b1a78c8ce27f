import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { ComingSoon } from "../_components/coming-soon";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  await requireAdmin();
  return <ComingSoon title="Staff">See each staff member&rsquo;s invitation status and send invitations.</ComingSoon>;
}
