import { Logo } from "@/components/logo";
import { UserMenu } from "@/app/_components/user-menu";
import { requireAdmin } from "@/lib/auth/guards";
import { AdminNav } from "./_components/admin-nav";

/** The admin's frame: a sidebar on a wide screen; on phones and tablets a top bar with a Menu button. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { user, organization } = await requireAdmin();
  const account = <UserMenu email={user.email} organizationName={organization.name} />;
  return (
    <div className="min-h-screen lg:flex">
      <aside className="border-b border-slate-200 bg-white lg:sticky lg:top-0 lg:h-screen lg:w-60 lg:shrink-0 lg:border-r lg:border-b-0">
        <AdminNav brand={<Logo />} account={account} />
      </aside>
      <div className="min-w-0 flex-1">
        <header className="hidden items-center justify-between border-b border-slate-200 bg-white px-8 py-3 lg:flex">
          <p className="text-sm font-medium text-slate-700" data-testid="organization-name">
            {organization.name}
          </p>
          {account}
        </header>
        <p className="border-b border-slate-200 bg-white px-4 py-2 text-sm font-medium text-slate-700 lg:hidden">
          {organization.name}
        </p>
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 md:px-8 md:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
