import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { Logo } from "@/components/logo";
import { PageHeader } from "@/components/page-header";
import { UserMenu } from "@/app/_components/user-menu";
import { requireStaff } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "My classes" };

export default async function MyClassesPage() {
  const { user, organization } = await requireStaff();
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:px-8">
        <Logo />
        <UserMenu email={user.email} organizationName={organization.name} />
      </header>
      <main className="mx-auto max-w-4xl px-4 py-6 md:px-8">
        <PageHeader title="My classes" description={organization.name} />
        <EmptyState title="Coming soon">
          <p>Your classes and their rosters will appear here, updated by every roster import.</p>
        </EmptyState>
      </main>
    </div>
  );
}
