import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

/** The honest placeholder of an admin page that is not built yet. */
export function ComingSoon({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title="Coming soon">
        <p>{children}</p>
        <p className="mt-2">This page is not built yet.</p>
      </EmptyState>
    </>
  );
}
