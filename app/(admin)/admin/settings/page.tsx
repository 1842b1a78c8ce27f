import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Settings" />
      <EmptyState title="Coming soon">
        <p>Nightly sync sources, API tokens and your organization&rsquo;s import threshold.</p>
        <p className="mt-2">This page is not built yet.</p>
      </EmptyState>
    </>
  );
}
