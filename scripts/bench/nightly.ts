// `npm run bench:nightly`: the nightly pass through the job queue on PostgreSQL, in one run, with
// 1 and with 2 `rostersync worker` processes: N organizations, each with a drop-folder source and
// one combined file of R rows (scripts/bench/generate.ts). For each worker count, in a fresh
// database: one cron call to a web process hosting /api/cron/nightly (which only enqueues), then
// the wall time until every source's job has completed, and the peak RSS (VmHWM) of each process.
//
//   npm run bench:nightly -- [--orgs 200] [--rows 5000] [--workers 1,2] [--json]
//
// Needs DATABASE_URL (PostgreSQL): embedded PGlite is one process. Creates and drops its own
// databases next to DATABASE_URL's. Exit 1 when a run did not import every file once.

import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { closeDb, getDb, migrateDatabase, rowsOf } from "@/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createNightlySource } from "@/lib/sources/create-nightly-source";
import { mib, startCronServer, startWorker, waitFor, type FleetProcess } from "@/scripts/queue/fleet";
import { createThrowawayDatabase } from "@/tests/support/throwaway-database";
import { districtRows, generateDistrict, toCsv } from "./generate";

const { values } = parseArgs({
  options: {
    orgs: { type: "string", default: "200" },
    rows: { type: "string", default: "5000" },
    workers: { type: "string", default: "1,2" },
    json: { type: "boolean", default: false },
  },
});
const organizations = Number(values.orgs);
const rows = Number(values.rows);
const workerCounts = String(values.workers).split(",").map(Number);
const SECRET = "bench-nightly-cron-secret-0123456789";
const say = (line: string) => process.stderr.write(`${line}\n`);

if (!process.env.DATABASE_URL) {
  say("bench:nightly needs DATABASE_URL (PostgreSQL): workers are separate processes.");
  process.exit(2);
}
const server = process.env.DATABASE_URL;

// Ten different districts of R rows, shared round-robin (each organization imports its own copy).
const files = Array.from({ length: Math.min(10, organizations) }, (_, seed) =>
  toCsv(districtRows(generateDistrict({ rows, seed: seed + 1 }))),
);

type Run = {
  workers: number;
  organizations: number;
  rowsPerFile: number;
  cronAnswerMs: number;
  wallSeconds: number;
  importsPerMinute: number;
  applied: number;
  peakRss: Record<string, string>;
};

async function runWith(workers: number): Promise<Run> {
  const database = await createThrowawayDatabase(server, { prefix: "rostersync_bench_nightly", pglite: "directory" });
  const dropRoot = mkdtempSync(path.join(os.tmpdir(), "rostersync-bench-drop-"));
  const fleet: FleetProcess[] = [];
  try {
    await closeDb();
    Object.assign(process.env, database.env);
    await migrateDatabase();
    const db = await getDb();
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    for (let i = 0; i < organizations; i++) {
      const { organization } = await createOrganization(db, {
        name: `Bench District ${i}`,
        slug: `bench-${i}`,
        adminEmail: `admin${i}@bench.test`,
      });
      mkdirSync(path.join(dropRoot, organization.slug), { recursive: true });
      await createNightlySource(
        db,
        organization,
        {
          name: "SIS nightly",
          kind: "combined",
          type: "folder",
          folderPath: "",
          filePattern: "*.csv",
          expectedTime: "00:00",
          timeZone: "UTC",
          graceMinutes: 720,
        },
        { userId: null, dropRoot, credentialKey: () => Buffer.alloc(32) },
      );
      const file = path.join(dropRoot, organization.slug, "roster.csv");
      writeFileSync(file, files[i % files.length]!);
      utimesSync(file, fiveMinutesAgo, fiveMinutesAgo);
    }
    const env = {
      DATABASE_URL: database.postgres!.url,
      NIGHTLY_DROP_ROOT: dropRoot,
      CRON_SECRET: SECRET,
      JOB_POLLING_SECONDS: "0.5",
      LOG_LEVEL: "warn",
    };
    const web = await startCronServer(env);
    fleet.push(web);
    for (let w = 1; w <= workers; w++) fleet.push(await startWorker(`worker ${w}`, env));

    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${web.port}/api/cron/nightly`, {
      headers: { authorization: `Bearer ${SECRET}` },
    });
    const cronAnswerMs = performance.now() - started;
    if (response.status !== 200) throw new Error(`cron answered ${response.status}`);
    const completed = async () =>
      Number(
        rowsOf<{ n: number }>(
          await db.execute(
            sql`select count(*)::int as n from pgboss.job where name = 'nightly' and state = 'completed'`,
          ),
        )[0]?.n,
      );
    await waitFor(
      async () => (await completed()) >= organizations,
      3 * 60 * 60_000,
      () => "timed out",
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const applied = Number(
      rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from imports where source = 'nightly' and status = 'applied'`),
      )[0]?.n,
    );
    const peakRss = Object.fromEntries(fleet.map((p) => [p.name, mib(p.peakRss())]));
    return {
      workers,
      organizations,
      rowsPerFile: rows,
      cronAnswerMs: Math.round(cronAnswerMs),
      wallSeconds: Math.round(wallSeconds * 10) / 10,
      importsPerMinute: Math.round((organizations / wallSeconds) * 60 * 10) / 10,
      applied,
      peakRss,
    };
  } finally {
    await Promise.all(fleet.map((p) => p.stop()));
    await stopBoss(5_000);
    await closeDb();
    await database.drop();
    rmSync(dropRoot, { recursive: true, force: true });
  }
}

const results: Run[] = [];
for (const workers of workerCounts) {
  say(`${organizations} organizations × ${rows} rows, ${workers} worker process(es)…`);
  const run = await runWith(workers);
  results.push(run);
  say(
    `  cron answered in ${run.cronAnswerMs} ms; all imported in ${run.wallSeconds} s (${run.importsPerMinute} imports/min); applied ${run.applied}; peak RSS ${Object.entries(
      run.peakRss,
    )
      .map(([name, rss]) => `${name} ${rss}`)
      .join(", ")}`,
  );
}
if (values.json) process.stdout.write(`${JSON.stringify({ results })}\n`);
else {
  process.stdout.write(
    "| workers | organizations × rows | cron answer | wall time | imports/min | peak RSS per process |\n",
  );
  process.stdout.write("|---|---|---|---|---|---|\n");
  for (const run of results) {
    process.stdout.write(
      `| ${run.workers} | ${run.organizations} × ${run.rowsPerFile} | ${run.cronAnswerMs} ms | ${run.wallSeconds} s | ${run.importsPerMinute} | ${Object.entries(
        run.peakRss,
      )
        .map(([name, rss]) => `${name} ${rss}`)
        .join(", ")} |\n`,
    );
  }
}
process.exitCode = results.every((run) => run.applied === run.organizations) ? 0 : 1;
