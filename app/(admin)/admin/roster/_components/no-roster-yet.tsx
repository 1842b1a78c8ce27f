import Link from "next/link";
import { EmptyState } from "@/components/empty-state";

/** What an organization with no roster sees on each tab: how to get one. */
export function NoRosterYet({ what }: { what: string }) {
  return (
    <EmptyState title={`No ${what} yet — import a roster file`}>
      <p>
        Schools, classes, students and staff appear here once a roster file from your SIS is imported.{" "}
        <Link href="/admin/imports/new" className="font-medium text-indigo-700 underline underline-offset-4">
          Import a roster file
        </Link>
        , or ask your operator to run{" "}
        <code className="rounded bg-slate-100 px-1">npx rostersync import FILE --org SLUG</code>.
      </p>
    </EmptyState>
  );
}
