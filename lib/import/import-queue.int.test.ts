import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, getDriver } from "@/db/client";
import { getImportRecord } from "@/db/queries/import-records";
import { imports } from "@/db/schema";
import { getBoss } from "@/lib/jobs/boss";
import { queues } from "@/lib/jobs/queues";
import { runWorker, type RunningWorker } from "@/lib/jobs/run-worker";
import { makeOrganization } from "@/tests/support/factories";
import { queueApplyImport } from "@/tests/support/import-queue";
import { combinedCsv, countRows, grid } from "@/tests/support/roster-files";
import { queuePendingApply } from "./decide-import";
import { queueImport } from "./queue-import";
import { STOPPED_TWICE_MESSAGE } from "./run-queued-import";

// Imports through the job queue (docs/decisions.md "Job queue"), on PostgreSQL or embedded PGlite
// as the test run is: queued by the request, applied by a worker; one organization's imports one
// at a time, other organizations' alongside; a job whose worker died is retried once, then failed.

let worker: RunningWorker | null = null;
afterEach(async () => {
  // Stopping the worker stops the process's queue; the next test starts it again.
  await worker?.stop();
  worker = null;
});

/** Runs `test` with import jobs expiring after a second (a dead worker's job is found at once). */
async function withQuickExpiry(test: (boss: Awaited<ReturnType<typeof getBoss>>) => Promise<void>) {
  const boss = await getBoss();
  await boss.updateQueue("import", { name: "import", ...queues.import.options(), expireInSeconds: 1 });
  try {
    await test(boss);
  } finally {
    await boss.updateQueue("import", { name: "import", ...queues.import.options() });
  }
}

/** Plays a worker that takes the organization's import job and its import, then dies. */
async function takeAndDie(boss: Awaited<ReturnType<typeof getBoss>>, importId: string) {
  const [taken] = await boss.fetch("import");
  expect(taken).toBeTruthy();
  await (await getDb()).update(imports).set({ status: "processing" }).where(eq(imports.id, importId));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await boss.expire(); // the queue's maintenance finds the job expired
  return taken!;
}

async function record(organizationId: string, importId: string) {
  return (await getImportRecord(await getDb(), organizationId, importId))!;
}

const FINAL = ["applied", "applied_with_errors", "unchanged", "failed", "held", "preview", "discarded"];
async function settled(organizationId: string, importId: string, timeout = 45_000) {
  await expect
    .poll(async () => FINAL.includes((await record(organizationId, importId)).status), { timeout, interval: 200 })
    .toBe(true);
  return record(organizationId, importId);
}

describe("the import queue", () => {
  it("queues an import without running it; a worker applies it from its staged rows", async () => {
    const { organization } = await makeOrganization();
    const queued = await queueApplyImport(organization.id, combinedCsv(grid("100", 3, 5)));
    expect(queued.status).toBe("queued");
    expect(await countRows("students", organization.id)).toBe(0);

    worker = await runWorker({ queues: ["import", "import-failed"] });
    const done = await settled(organization.id, queued.id);
    expect(done.status).toBe("applied");
    expect(await countRows("students", organization.id)).toBe(5);
    expect(await countRows("import_staged_rows", organization.id)).toBe(0);
  });

  it("an upload stops at a preview; the page's Apply is decided at once and applied by the worker", async () => {
    const { organization, admin } = await makeOrganization();
    const db = await getDb();
    const preview = await queueImport(db, {
      organizationId: organization.id,
      kind: "combined",
      source: "upload",
      fileName: "upload.csv",
      bytes: combinedCsv(grid("150", 2, 4)),
      actor: { userId: admin.userId },
      mode: "preview",
      thresholdPercent: 100,
    });
    worker = await runWorker({ queues: ["import", "import-failed"] });
    expect((await settled(organization.id, preview.id)).status).toBe("preview");
    expect(await countRows("students", organization.id)).toBe(0);

    const queued = await queuePendingApply(db, organization.id, preview.id, { userId: admin.userId });
    expect(queued.status).toBe("queued");
    // Decided: a second admin's Apply is told it was already applied.
    await expect(queuePendingApply(db, organization.id, preview.id, { userId: admin.userId })).rejects.toThrow(
      /already applied/,
    );
    const done = await settled(organization.id, preview.id);
    expect(done.status).toBe("applied");
    expect(done.decidedByUserId).toBe(admin.userId);
    expect(await countRows("students", organization.id)).toBe(4);
    expect(await countRows("import_staged_rows", organization.id)).toBe(0);
  });

  it("runs one organization's imports one after another, and another organization's alongside", async () => {
    const a = (await makeOrganization()).organization;
    const b = (await makeOrganization()).organization;
    const rows = (school: string) => combinedCsv(grid(school, 40, 60));
    const a1 = await queueApplyImport(a.id, rows("201"), "a1.csv");
    const a2 = await queueApplyImport(a.id, rows("202"), "a2.csv");
    const b1 = await queueApplyImport(b.id, rows("301"), "b1.csv");
    const b2 = await queueApplyImport(b.id, rows("302"), "b2.csv");

    worker = await runWorker({ queues: ["import", "import-failed"], concurrency: { import: 2 } });
    const [ra1, ra2, rb1, rb2] = [
      await settled(a.id, a1.id),
      await settled(a.id, a2.id),
      await settled(b.id, b1.id),
      await settled(b.id, b2.id),
    ];
    for (const r of [ra1, ra2, rb1, rb2]) expect(r.status).toBe("applied");
    // heartbeatAt: when a worker took the import; finishedAt: when it was done.
    const window = (r: typeof ra1) => [r.heartbeatAt.getTime(), r.finishedAt!.getTime()] as const;
    // One organization: the second starts only after the first has finished, in the order queued.
    expect(window(ra2)[0]).toBeGreaterThanOrEqual(window(ra1)[1]);
    expect(window(rb2)[0]).toBeGreaterThanOrEqual(window(rb1)[1]);
    // Two organizations: B's first import did not wait for both of A's (nor A's for B's).
    expect(window(rb1)[0]).toBeLessThan(window(ra2)[1]);
    expect(window(ra1)[0]).toBeLessThan(window(rb2)[1]);
    if ((await getDriver()) === "postgres") {
      // Separate connections: the two organizations' first imports ran at the same time.
      expect(window(rb1)[0]).toBeLessThan(window(ra1)[1]);
      expect(window(ra1)[0]).toBeLessThan(window(rb1)[1]);
    }
    expect(await countRows("schools", a.id)).toBe(2);
  });

  it("retries a job whose worker died once, from the staged rows, applying it exactly once", () =>
    withQuickExpiry(async (boss) => {
      const { organization } = await makeOrganization();
      const queued = await queueApplyImport(organization.id, combinedCsv(grid("400", 2, 7)));
      const taken = await takeAndDie(boss, queued.id);
      expect((await boss.getJobById("import", taken.id))?.state).toBe("retry");

      worker = await runWorker({ queues: ["import", "import-failed"] });
      const done = await settled(organization.id, queued.id);
      expect(done.status).toBe("applied");
      expect(await countRows("students", organization.id)).toBe(7);
      await expect.poll(async () => (await boss.getJobById("import", taken.id))?.state).toBe("completed");
    }));

  it("marks an import failed, with the reason, when its job died twice; the roster is untouched", () =>
    withQuickExpiry(async (boss) => {
      const { organization } = await makeOrganization();
      const queued = await queueApplyImport(organization.id, combinedCsv(grid("500", 2, 7)));
      await takeAndDie(boss, queued.id);
      await takeAndDie(boss, queued.id);

      worker = await runWorker({ queues: ["import", "import-failed"] });
      const done = await settled(organization.id, queued.id);
      expect(done.status).toBe("failed");
      expect(done.failureMessage).toBe(STOPPED_TWICE_MESSAGE);
      expect(await countRows("students", organization.id)).toBe(0);
    }));
});
