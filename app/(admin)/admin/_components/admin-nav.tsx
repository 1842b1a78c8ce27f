"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

const items = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/imports", label: "Imports" },
  { href: "/admin/roster", label: "Roster" },
  { href: "/admin/staff", label: "Staff" },
  { href: "/admin/settings", label: "Settings" },
] as const;

/**
 * The admin's sidebar: the brand, and the sections as a column on a wide screen. Below 1024 px
 * (phones, tablets) the sections hide behind a "Menu" button next to the account menu.
 */
export function AdminNav({ brand, account }: { brand: React.ReactNode; account: React.ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="flex items-center justify-between gap-2 px-4 py-2 lg:block lg:px-5 lg:py-5">
        {brand}
        <div className="flex items-center gap-1 lg:hidden">
          {account}
          <button
            type="button"
            aria-expanded={open}
            aria-controls="admin-nav"
            onClick={() => setOpen((value) => !value)}
            className="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            <span aria-hidden className="text-base leading-none">
              {open ? "✕" : "☰"}
            </span>
            Menu
          </button>
        </div>
      </div>
      <nav
        id="admin-nav"
        aria-label="Main"
        onKeyDown={(event) => {
          if (event.key === "Escape") setOpen(false);
        }}
        className={`${open ? "flex" : "hidden"} flex-col gap-1 px-2 pb-2 lg:flex lg:px-3`}
      >
        {items.map((item) => {
          const current = item.href === "/admin" ? pathname === "/admin" : pathname.startsWith(item.href);
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={current ? "page" : undefined}
              onClick={() => setOpen(false)}
              className={`whitespace-nowrap rounded-md px-3 py-3 text-sm font-medium lg:py-2 ${
                current ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              {item.label}
            </Link>
          );
        })}
      </nav>
    </>
  );
}
