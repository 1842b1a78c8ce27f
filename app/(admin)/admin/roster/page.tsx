import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Roster" };

export default async function RosterPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Roster" />
      <EmptyState title="Coming soon">
        <p>Browse schools, classes, students and staff as your imports left them.</p>
        <p className="mt-2">This page is not built yet.</p>
      </EmptyState>
    </>
  );
}
