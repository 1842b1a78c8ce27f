import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { failInterruptedImports, INTERRUPTED_MESSAGE, listImportIssues } from "@/db/queries/import-records";
import { imports } from "@/db/schema/imports";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, grid, importBytes } from "@/tests/support/roster-files";
import { failStoppedImports, staleAfterMs } from "./interrupted-imports";

// Which "processing" imports were interrupted: a heartbeat every second and a 5-second stale
// window here (the defaults are 10 and 60), on PostgreSQL or embedded PGlite.

vi.hoisted(() => {
  process.env.IMPORT_HEARTBEAT_SECONDS = "1";
  process.env.IMPORT_STALE_AFTER_SECONDS = "5";
});

const onPostgres = Boolean(process.env.DATABASE_URL);
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const newOrg = async () => (await makeOrganization()).organization.id;

/** A record as a server writes it when an import starts (and then, perhaps, dies). */
async function processingImport(
  organizationId: string,
  times: { createdAt?: Date; heartbeatAt?: Date; status?: "processing" | "preview" } = {},
) {
  const db = await getDb();
  const [record] = await db
    .insert(imports)
    .values({
      organizationId,
      source: "nightly",
      kind: "combined",
      fileName: "cut.csv",
      fileSize: 1,
      sha256: "x",
      status: times.status ?? "processing",
      ...times,
    })
    .returning();
  return record!;
}

async function statusOf(importId: string) {
  const db = await getDb();
  const [record] = await db.select().from(imports).where(eq(imports.id, importId));
  return record;
}

/** The rule another server applies (PostgreSQL): it runs none of our imports. */
const asAnotherServer = async (now = new Date()) =>
  failInterruptedImports(await getDb(), {
    heartbeatBefore: new Date(now.getTime() - staleAfterMs()),
    runningHere: [],
    now,
  });

describe("interrupted imports", () => {
  it("an import started 20 minutes ago that still heartbeats is not failed (the old createdAt rule failed it); once its heartbeat stops, it is", async () => {
    const org = await newOrg();
    const long = await processingImport(org, { createdAt: minutesAgo(20), heartbeatAt: new Date() });
    expect(await asAnotherServer()).toBe(0);
    expect((await statusOf(long.id))?.status).toBe("processing");

    const db = await getDb();
    await db
      .update(imports)
      .set({ heartbeatAt: minutesAgo(2) })
      .where(eq(imports.id, long.id));
    expect(await asAnotherServer()).toBe(1);
    expect(await statusOf(long.id)).toMatchObject({
      status: "failed",
      failureMessage: INTERRUPTED_MESSAGE,
      errorCount: 1,
    });
    expect(await listImportIssues(db, org, long.id)).toEqual([
      { file: null, row: null, column: null, severity: "error", code: "interrupted", message: INTERRUPTED_MESSAGE },
    ]);
  });

  it("a page load marks only the viewer's organization's interrupted imports; the cron pass and imports mark every organization's", async () => {
    const [a, b] = [await newOrg(), await newOrg()];
    const deadA = await processingImport(a, { heartbeatAt: minutesAgo(2) });
    const deadB = await processingImport(b, { heartbeatAt: minutesAgo(2) });
    const db = await getDb();
    expect(await failStoppedImports(db, { organizationId: a })).toBe(1);
    expect((await statusOf(deadA.id))?.status).toBe("failed");
    expect(await statusOf(deadB.id)).toMatchObject({ status: "processing", failureMessage: null });
    expect(await listImportIssues(db, b, deadB.id)).toEqual([]);

    expect(await failStoppedImports(db)).toBeGreaterThanOrEqual(1);
    expect((await statusOf(deadB.id))?.status).toBe("failed");
  });

  it("previews and finished imports are never touched, however old", async () => {
    const org = await newOrg();
    const preview = await processingImport(org, {
      status: "preview",
      createdAt: minutesAgo(60),
      heartbeatAt: minutesAgo(60),
    });
    await failStoppedImports(await getDb(), { organizationId: org });
    expect(await asAnotherServer()).toBe(0);
    expect((await statusOf(preview.id))?.status).toBe("preview");
  });

  it.runIf(!onPostgres)(
    "on embedded PGlite an import this process does not run is interrupted at once (one process opens the data dir)",
    async () => {
      const org = await newOrg();
      const orphan = await processingImport(org, { heartbeatAt: new Date() });
      expect(await failStoppedImports(await getDb(), { organizationId: org })).toBe(1);
      expect((await statusOf(orphan.id))?.status).toBe("failed");
    },
  );

  it.runIf(onPostgres)(
    "on PostgreSQL an import another server runs is left alone until its heartbeat is older than the stale window",
    async () => {
      const org = await newOrg();
      const elsewhere = await processingImport(org, { heartbeatAt: new Date(Date.now() - staleAfterMs() + 2_000) });
      const db = await getDb();
      expect(await failStoppedImports(db, { organizationId: org })).toBe(0);
      expect(await failStoppedImports(db, { organizationId: org, now: new Date(Date.now() + 3_000) })).toBe(1);
      expect((await statusOf(elsewhere.id))?.status).toBe("failed");
    },
  );

  it("a live import is never marked failed — not by this process, not by another server's rule — and on PostgreSQL its heartbeat moves while it applies", async () => {
    const org = await newOrg();
    const db = await getDb();
    const run = importBytes(org, combinedCsv(grid("101", 1_000, 100))); // 100,000 rows: a few seconds
    let done = false;
    void run.finally(() => (done = true));
    const seen = { processing: 0, backdated: false, heartbeatMoved: false, markedHere: 0, markedElsewhere: 0 };
    while (!done) {
      const [live] = await db
        .select()
        .from(imports)
        .where(and(eq(imports.organizationId, org), eq(imports.status, "processing")));
      if (live) {
        seen.processing += 1;
        if (!seen.backdated) {
          // Pretend it has been running for 20 minutes: only the heartbeat may keep it alive.
          await db
            .update(imports)
            .set({ createdAt: minutesAgo(20) })
            .where(eq(imports.id, live.id));
          seen.backdated = true;
        } else if (live.heartbeatAt.getTime() > live.createdAt.getTime() + 20 * 60_000) {
          seen.heartbeatMoved = true;
        }
        // This process runs it: even an hour from now it is not interrupted.
        seen.markedHere += await failStoppedImports(db, { now: new Date(Date.now() + 3_600_000) });
        seen.markedElsewhere += await asAnotherServer();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const result = await run;
    expect(result.status).toBe("applied");
    expect(seen).toMatchObject({ backdated: true, markedHere: 0, markedElsewhere: 0 });
    expect(seen.processing).toBeGreaterThanOrEqual(2);
    // On PostgreSQL the heartbeat goes on beside the apply transaction, on its own connection.
    // PGlite runs one statement at a time, so no beat gets in during that transaction; its rule
    // does not need one (no other process can run the import).
    if (onPostgres) expect(seen.heartbeatMoved).toBe(true);
  });
});
