import Link from "next/link";

/**
 * "N staff not yet invited", linking to the Staff page filtered to them. For the dashboard and
 * an import's result page; renders nothing when everyone is invited.
 */
export function StaffNotInvitedLink({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <p className="mt-4 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-900">
      <Link href="/admin/staff?status=not_invited" className="font-medium underline underline-offset-4">
        {count === 1 ? "1 staff member not yet invited" : `${count.toLocaleString("en-US")} staff not yet invited`}
      </Link>{" "}
      — invite them so they can see their classes.
    </p>
  );
}
