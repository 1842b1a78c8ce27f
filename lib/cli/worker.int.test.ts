import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { queueImport } from "@/lib/import/queue-import";
import { cli } from "@/tests/support/cli";
import { makeOrganization } from "@/tests/support/factories";
import { settledImport } from "@/tests/support/import-queue";
import { combinedCsv, countRows, grid } from "@/tests/support/roster-files";

// `rostersync worker`: a process of its own that takes queued imports, and stops on SIGTERM.

describe("rostersync worker", () => {
  it("refuses an unknown queue and a bad concurrency with the usage", async () => {
    const unknown = await cli("worker", "--queues", "import,nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown queue nope");
    expect((await cli("worker", "--concurrency", "0")).code).toBe(2);
  });

  // Two processes on one database: PostgreSQL only (an embedded data dir opens in one process).
  it.skipIf(!process.env.DATABASE_URL)(
    "applies an import queued elsewhere, then stops on SIGTERM with exit 0",
    async () => {
      const { organization } = await makeOrganization();
      const queued = await queueImport(await getDb(), {
        organizationId: organization.id,
        kind: "combined",
        source: "api",
        fileName: "roster.csv",
        bytes: combinedCsv(grid("700", 2, 6)),
        actor: { label: "test" },
        mode: "apply",
        thresholdPercent: 100,
      });
      await stopBoss(); // this process only queued it; the worker process runs it
      const child = spawn("node", [path.resolve("bin/rostersync.js"), "worker", "--queues", "import,import-failed"], {
        env: { ...process.env, JOB_POLLING_SECONDS: "0.5" },
      });
      let stdout = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      try {
        expect((await settledImport(organization.id, queued.id, 60_000)).status).toBe("applied");
        expect(await countRows("students", organization.id)).toBe(6);
      } finally {
        child.kill("SIGTERM");
      }
      expect(await exited).toBe(0);
      expect(stdout).toContain("Worker stopped.");
    },
    90_000,
  );
});
