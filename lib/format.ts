import type { AnyImportKind } from "@/db/schema/imports";

/** A moment as the organization reads it: "Nov 29, 2026, 7:05 AM CST" in its time zone. */
export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  })
    .format(new Date(value))
    .replace(/\u202f/g, " ");
}

/** 129394278 → "123.4 MB"; 1 GiB → "1 GB"; 512 → "512 bytes". Binary units, as file managers show them. */
export function formatBytes(bytes: number): string {
  const units: [string, number][] = [
    ["GB", 1024 ** 3],
    ["MB", 1024 ** 2],
    ["KB", 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${(bytes / size).toFixed(1).replace(/\.0$/, "")} ${unit}`;
  }
  return `${bytes} bytes`;
}

const KIND_LABELS: Record<AnyImportKind, string> = {
  combined: "Combined roster",
  staff: "Staff",
  students: "Students",
  oneroster: "OneRoster set",
  clever: "Clever set",
  sds: "Microsoft SDS set",
};

/** What kind of file an import or a nightly source takes, as an admin reads it: "OneRoster set". */
export function kindLabel(kind: AnyImportKind): string {
  return KIND_LABELS[kind];
}
