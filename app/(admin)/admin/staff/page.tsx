import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Staff" />
      <EmptyState title="Coming soon">
        <p>See each staff member&rsquo;s invitation status and send invitations.</p>
        <p className="mt-2">This page is not built yet.</p>
      </EmptyState>
    </>
  );
}
