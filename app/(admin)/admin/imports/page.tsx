import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Imports" />
      <EmptyState title="Coming soon">
        <p>Upload roster files (CSV, TSV, XLS, XLSX), preview what would change, and review every import on Import Details.</p>
        <p className="mt-2">This page is not built yet.</p>
      </EmptyState>
    </>
  );
}
