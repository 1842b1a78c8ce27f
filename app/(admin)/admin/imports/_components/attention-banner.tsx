import Link from "next/link";
import { kindLabel } from "@/lib/format";
import type { AnyImportKind } from "@/db/schema/imports";

type Attention = { id: string; status: string; fileName: string; kind: AnyImportKind };

/**
 * Held imports wait for an admin; failed ones need the SIS export fixed, until a later import of
 * their kind succeeds (the query leaves settled failures out).
 */
export function AttentionBanner({ items }: { items: Attention[] }) {
  const held = items.filter((item) => item.status === "held");
  const failed = items.filter((item) => item.status === "failed");
  if (held.length === 0 && failed.length === 0) return null;
  return (
    <div className="mb-6 space-y-3">
      {held.length > 0 ? (
        <div
          role="alert"
          data-testid="held-banner"
          className="rounded-lg border border-orange-300 bg-orange-50 p-4 text-sm text-orange-900"
        >
          <p className="font-semibold">
            {held.length === 1 ? "1 import is held for review" : `${held.length} imports are held for review`}: it would
            remove more of the roster than your threshold allows, so nothing was changed.
          </p>
          <ul className="mt-2 list-disc pl-5">
            {held.map((item) => (
              <li key={item.id}>
                <Link className="font-medium underline underline-offset-4" href={`/admin/imports/${item.id}`}>
                  Review {item.fileName} ({kindLabel(item.kind)})
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {failed.length > 0 ? (
        <div
          role="status"
          data-testid="failed-banner"
          className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900"
        >
          <p className="font-semibold">
            {failed.length === 1
              ? "An import failed in the last 7 days, so nothing from that file was applied."
              : `${failed.length} imports failed in the last 7 days, so nothing from those files was applied.`}
          </p>
          <ul className="mt-2 list-disc pl-5">
            {failed.map((item) => (
              <li key={item.id}>
                <Link className="font-medium underline underline-offset-4" href={`/admin/imports/${item.id}`}>
                  {item.fileName}
                </Link>{" "}
                ({kindLabel(item.kind)})
              </li>
            ))}
          </ul>
          <p className="mt-2">This notice goes away once a later import of the same kind succeeds.</p>
        </div>
      ) : null}
    </div>
  );
}
