import { signOutAction } from "@/app/(auth)/actions";

/** The signed-in person, their organization and "Sign out". A <details> menu: no JS needed. */
export function UserMenu({ email, organizationName }: { email: string; organizationName: string }) {
  return (
    <details className="group relative">
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <span
          aria-hidden
          className="grid size-7 place-items-center rounded-full bg-slate-200 text-xs font-semibold uppercase text-slate-700"
        >
          {email.slice(0, 1)}
        </span>
        <span className="hidden max-w-48 truncate sm:inline">{email}</span>
        <span aria-hidden className="text-slate-400">
          ▾
        </span>
        <span className="sr-only">Account menu</span>
      </summary>
      <div className="absolute right-0 z-10 mt-2 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <div className="border-b border-slate-100 px-2 pb-2">
          <p className="truncate text-sm font-medium text-slate-900">{email}</p>
          <p className="truncate text-xs text-slate-500">{organizationName}</p>
        </div>
        <form action={signOutAction} className="pt-2">
          <button
            type="submit"
            className="w-full rounded px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100"
          >
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
