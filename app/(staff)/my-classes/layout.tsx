import { Logo } from "@/components/logo";
import { UserMenu } from "@/app/_components/user-menu";
import { requireStaff } from "@/lib/auth/guards";

/** The teacher's frame: logo and account menu. Each page checks access itself as well. */
export default async function MyClassesLayout({ children }: { children: React.ReactNode }) {
  const { user, organization } = await requireStaff();
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:px-8">
        <Logo />
        <UserMenu email={user.email} organizationName={organization.name} />
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-4 py-6 md:px-8">
        {children}
      </main>
    </div>
  );
}
