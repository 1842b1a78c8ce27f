import type { Executor } from "@/db/client";
import { listNightlySources } from "@/db/queries/nightly-sources";
import { missedCycle } from "./nightly-schedule";
import type { AnyImportKind } from "@/db/schema/imports";

export type MissingImport = {
  sourceId: string;
  name: string;
  kind: AnyImportKind;
  date: string;
  deadline: Date;
  timeZone: string;
  lastImportAt: Date | null;
};

/**
 * The organization's enabled sources whose nightly import is missing at `now` (their expected
 * time plus grace passed without one), for the "Expected nightly import missing" banner.
 */
export async function findMissingImports(
  db: Executor,
  organizationId: string,
  now = new Date(),
): Promise<MissingImport[]> {
  const sources = await listNightlySources(db, organizationId);
  return sources.flatMap((source) => {
    const missed = source.enabled ? missedCycle(source, source, now) : null;
    return missed
      ? [
          {
            sourceId: source.id,
            name: source.name,
            kind: source.kind,
            date: missed.date,
            deadline: missed.deadline,
            timeZone: source.timeZone,
            lastImportAt: source.lastImportAt,
          },
        ]
      : [];
  });
}
