import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { organizations } from "@/db/schema/organizations";
import { nightlySources } from "@/db/schema/sources";
import { isUuid } from "@/db/queries/ids";

// Nightly sources of an organization, and the claimed-row lease that keeps two overlapping cron
// passes from pulling one source at once (docs/decisions.md "Nightly sync").

export type NightlySource = typeof nightlySources.$inferSelect;
export type NewNightlySource = Omit<typeof nightlySources.$inferInsert, "id" | "organizationId">;
/** A source with what a pull needs of its organization. */
export type NightlySourceWithOrganization = NightlySource & {
  organizationSlug: string;
  thresholdPercent: number;
  usernameEmailDomain: string | null;
};

const withOrganization = {
  source: nightlySources,
  organizationSlug: organizations.slug,
  thresholdPercent: organizations.deactivationThresholdPercent,
  usernameEmailDomain: organizations.usernameEmailDomain,
};

const flatten = (
  rows: Array<{
    source: NightlySource;
    organizationSlug: string;
    thresholdPercent: number;
    usernameEmailDomain: string | null;
  }>,
): NightlySourceWithOrganization[] =>
  rows.map((row) => ({
    ...row.source,
    organizationSlug: row.organizationSlug,
    thresholdPercent: row.thresholdPercent,
    usernameEmailDomain: row.usernameEmailDomain,
  }));

export async function listNightlySources(db: Executor, organizationId: string): Promise<NightlySource[]> {
  return db
    .select()
    .from(nightlySources)
    .where(eq(nightlySources.organizationId, organizationId))
    .orderBy(asc(nightlySources.name));
}

export async function getNightlySource(
  db: Executor,
  organizationId: string,
  sourceId: string,
): Promise<NightlySourceWithOrganization | null> {
  if (!isUuid(sourceId)) return null;
  const rows = await db
    .select(withOrganization)
    .from(nightlySources)
    .innerJoin(organizations, eq(organizations.id, nightlySources.organizationId))
    .where(and(eq(nightlySources.organizationId, organizationId), eq(nightlySources.id, sourceId)));
  return flatten(rows)[0] ?? null;
}

/**
 * For the cron pass only: every enabled source of every organization, each carrying its own
 * organization (the pass then works on one organization's source at a time).
 */
export async function listEnabledNightlySources(db: Executor): Promise<NightlySourceWithOrganization[]> {
  return listAcrossOrganizations(db, true);
}

/** For the operator's `rostersync source:list` only: every source of every organization, enabled or not. */
export async function listEveryNightlySource(db: Executor): Promise<NightlySourceWithOrganization[]> {
  return listAcrossOrganizations(db, false);
}

async function listAcrossOrganizations(db: Executor, enabledOnly: boolean): Promise<NightlySourceWithOrganization[]> {
  const rows = await db
    .select(withOrganization)
    .from(nightlySources)
    .innerJoin(organizations, eq(organizations.id, nightlySources.organizationId))
    .where(enabledOnly ? eq(nightlySources.enabled, true) : undefined)
    .orderBy(asc(organizations.slug), asc(nightlySources.name));
  return flatten(rows);
}

/** Inserts a source; null when the organization already has one with this name. */
export async function insertNightlySource(
  db: Executor,
  organizationId: string,
  values: NewNightlySource,
): Promise<NightlySource | null> {
  const [row] = await db
    .insert(nightlySources)
    .values({ ...values, organizationId })
    .onConflictDoNothing({ target: [nightlySources.organizationId, nightlySources.name] })
    .returning();
  return row ?? null;
}

export async function deleteNightlySource(db: Executor, organizationId: string, sourceId: string): Promise<boolean> {
  const rows = await db
    .delete(nightlySources)
    .where(and(eq(nightlySources.organizationId, organizationId), eq(nightlySources.id, sourceId)))
    .returning({ id: nightlySources.id });
  return rows.length > 0;
}

/**
 * Takes the source's lease until `until` (or takes it over from a holder with the same token: a
 * retried nightly job), atomically: only when no other pass holds it and, when
 * `cycleStart` is given, only while the source still has no import since then (still due).
 */
export async function claimNightlySource(
  db: Executor,
  organizationId: string,
  sourceId: string,
  lease: { token: string; now: Date; until: Date; cycleStart: Date | null },
): Promise<boolean> {
  const rows = await db
    .update(nightlySources)
    .set({ leaseToken: lease.token, leaseUntil: lease.until })
    .where(
      and(
        eq(nightlySources.organizationId, organizationId),
        eq(nightlySources.id, sourceId),
        or(
          isNull(nightlySources.leaseUntil),
          lt(nightlySources.leaseUntil, lease.now),
          eq(nightlySources.leaseToken, lease.token),
        ),
        lease.cycleStart
          ? or(isNull(nightlySources.lastImportAt), lt(nightlySources.lastImportAt, lease.cycleStart))
          : undefined,
      ),
    )
    .returning({ id: nightlySources.id });
  return rows.length > 0;
}

/** Gives the lease back (only the holder's own token can). */
export async function releaseNightlySource(
  db: Executor,
  organizationId: string,
  sourceId: string,
  token: string,
): Promise<void> {
  await db
    .update(nightlySources)
    .set({ leaseToken: null, leaseUntil: null })
    .where(
      and(
        eq(nightlySources.organizationId, organizationId),
        eq(nightlySources.id, sourceId),
        eq(nightlySources.leaseToken, token),
      ),
    );
}

export type NightlyCheck = Pick<NightlySource, "lastCheckedAt" | "lastOutcome" | "lastMessage"> &
  Partial<Pick<NightlySource, "lastImportId" | "lastImportAt" | "lastContentSha256">>;

/** What a pull found, shown in Settings. */
export async function recordNightlyCheck(
  db: Executor,
  organizationId: string,
  sourceId: string,
  check: NightlyCheck,
): Promise<void> {
  await db
    .update(nightlySources)
    .set(check)
    .where(and(eq(nightlySources.organizationId, organizationId), eq(nightlySources.id, sourceId)));
}

/** Marks the missed-import mail of this cycle as sent; false when it already was (one mail a day). */
export async function claimMissedAlert(
  db: Executor,
  organizationId: string,
  sourceId: string,
  cycleDate: string,
): Promise<boolean> {
  const rows = await db
    .update(nightlySources)
    .set({ missedAlertSentOn: cycleDate })
    .where(
      and(
        eq(nightlySources.organizationId, organizationId),
        eq(nightlySources.id, sourceId),
        sql`${nightlySources.missedAlertSentOn} is distinct from ${cycleDate}::date`,
      ),
    )
    .returning({ id: nightlySources.id });
  return rows.length > 0;
}
