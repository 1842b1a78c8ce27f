import type { Metadata } from "next";
import Link from "next/link";
import { Cell, DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { getDb } from "@/db/client";
import { listMyClasses, type MyClass } from "@/db/queries/my-classes";
import { requireStaff } from "@/lib/auth/guards";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "My classes" };

export default async function MyClassesPage() {
  const { organization, staffId } = await requireStaff();
  const classes = await listMyClasses(await getDb(), organization.id, staffId);
  const terms = new Map<string, MyClass[]>();
  for (const c of classes) terms.set(c.term, [...(terms.get(c.term) ?? []), c]);
  return (
    <>
      <PageHeader title="My classes" description={organization.name} />
      {classes.length === 0 ? (
        <EmptyState title="You have no active classes">
          <p>
            Your classes appear here when your district&rsquo;s roster import lists you as their teacher. If a class is
            missing, ask your district admin to check the roster from your school&rsquo;s SIS.
          </p>
        </EmptyState>
      ) : (
        [...terms].map(([term, list]) => (
          <section key={term} className="mb-8" aria-labelledby={`term-${term}`}>
            <h2 id={`term-${term}`} className="mb-3 text-base font-semibold text-slate-900">
              {term}
            </h2>
            {/* A phone: one large card per class, the whole card a link (one thumb reaches it). */}
            <ul className="space-y-3 sm:hidden" aria-label={`Classes in ${term}`}>
              {list.map((c) => (
                <li key={c.id}>
                  <Link
                    href={`/my-classes/${c.id}`}
                    className="flex min-h-16 items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm active:bg-slate-100"
                  >
                    <span className="min-w-0">
                      <span className="block font-medium text-indigo-700">{c.name}</span>
                      <span className="block text-sm text-slate-600">
                        {[c.period ? `Period ${c.period}` : null, c.schoolName ?? c.schoolId]
                          .filter(Boolean)
                          .join(" · ")}
                      </span>
                    </span>
                    <span className="shrink-0 text-sm tabular-nums text-slate-700">
                      {c.students} {c.students === 1 ? "student" : "students"}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
            <div className="hidden sm:block">
              <DataTable label={`Classes in ${term}`} columns={["Class", "Period", "School", "Students"]}>
                {list.map((c) => (
                  <tr key={c.id}>
                    <Cell>
                      <TextLink href={`/my-classes/${c.id}`} className="font-medium">
                        {c.name}
                      </TextLink>
                    </Cell>
                    <Cell>{c.period ?? "—"}</Cell>
                    <Cell>{c.schoolName ?? c.schoolId}</Cell>
                    <Cell className="tabular-nums">{c.students}</Cell>
                  </tr>
                ))}
              </DataTable>
            </div>
          </section>
        ))
      )}
    </>
  );
}
