import { Logo } from "@/components/logo";
import { UserMenu } from "@/app/_components/user-menu";
import { requireAdmin } from "@/lib/auth/guards";
import { AdminNav } from "./_components/admin-nav";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { user, organization } = await requireAdmin();
  return (
    <div className="min-h-screen md:flex">
      <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:h-screen md:w-60 md:shrink-0 md:border-r md:border-b-0">
        <div className="flex items-center justify-between px-4 py-3 md:block md:px-5 md:py-5">
          <Logo />
          <div className="md:hidden">
            <UserMenu email={user.email} organizationName={organization.name} />
          </div>
        </div>
        <div className="px-2 pb-2 md:px-3">
          <AdminNav />
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <header className="hidden items-center justify-between border-b border-slate-200 bg-white px-8 py-3 md:flex">
          <p className="text-sm font-medium text-slate-700" data-testid="organization-name">
            {organization.name}
          </p>
          <UserMenu email={user.email} organizationName={organization.name} />
        </header>
        <p className="border-b border-slate-200 bg-white px-4 py-2 text-sm font-medium text-slate-700 md:hidden">
          {organization.name}
        </p>
        <main className="mx-auto max-w-6xl px-4 py-6 md:px-8 md:py-8">{children}</main>
      </div>
    </div>
  );
}
