import Link from "next/link";
import { formatDateTime, kindLabel } from "@/lib/format";
import type { MissingImport } from "@/lib/sources/find-missing-imports";

/** "Expected nightly import missing": a source's expected time plus grace passed without a file. */
export function MissingNightlyBanner({ items }: { items: MissingImport[] }) {
  if (items.length === 0) return null;
  return (
    <div
      role="alert"
      data-testid="missing-nightly-banner"
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <p className="font-semibold">Expected nightly import missing</p>
      <ul className="mt-2 list-disc pl-5">
        {items.map((item) => (
          <li key={item.sourceId}>
            {item.name} ({kindLabel(item.kind)}): no file by {formatDateTime(item.deadline, item.timeZone)}
            {item.lastImportAt
              ? `; the last one arrived ${formatDateTime(item.lastImportAt, item.timeZone)}`
              : "; none has arrived yet"}
            .
          </li>
        ))}
      </ul>
      <p className="mt-2">
        Verify that your SIS&rsquo;s daily export ran and delivered its file.{" "}
        <Link className="font-medium underline underline-offset-4" href="/admin/settings">
          Nightly sync settings
        </Link>
      </p>
    </div>
  );
}
