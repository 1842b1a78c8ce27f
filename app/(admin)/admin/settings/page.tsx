import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { ComingSoon } from "../_components/coming-soon";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAdmin();
  return <ComingSoon title="Settings">Nightly sync sources, API tokens and your organization&rsquo;s import threshold.</ComingSoon>;
}
