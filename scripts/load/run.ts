// Kept whole (~470 lines): the load test's phases in the order they run (setup, load, read back, replay).
// `npm run test:load`: the load test of issue 8. On loopback, against the production build
// (`next start`) on a fresh database: 20 admins upload 5,000-row files across 5 organizations
// and apply them, as the browser does (the upload route, then the Apply server action), while
// autocannon loads Import Details and roster pages for every organization. Then it checks that
// each organization's roster equals what importing the same files one at a time, in the order
// they were applied, gives on another fresh database.
//
//   npm run test:load -- [--duration 120] [--baseline 10] [--json reports/reliability/load.json]
//                        [--port 3301] [--skip-build] [--organizations 5] [--uploads 20] [--keep]
//
// PostgreSQL when DATABASE_URL is set (fresh databases are created next to it and dropped at the
// end), else embedded PGlite in temp dirs. `--skip-build` (or E2E_SKIP_BUILD=1) uses the existing
// .next build. A short no-load baseline comes first: each kind of page alone on one connection,
// and a few uploads one at a time. Exit: 0 when no request failed and every roster matches,
// 1 otherwise, 2 bad options.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { closeDb } from "@/db/client";
import { reactEncodeReply, serverActionId } from "./admin-client";
import { rosterDifferences, type CanonicalRoster } from "./compare-rosters";
import {
  canonicalRosterOf,
  connectionSampler,
  createOrganizations,
  freshDatabase,
  importsInOrder,
  previewStatus,
  statusesOf,
  uploadThenApply,
  switchDatabase,
  type DatabaseTarget,
  type LoadOrganization,
} from "./database";
import { appliedFiles, overtakenUnchanged } from "./import-order";
import { loadPages, type PageKind, type PageTarget } from "./page-loads";
import { reportTable, type LoadReport } from "./report";
import { loadFiles, type LoadFile } from "./roster-files";
import { rssSampler, startServer } from "./server";
import { checkServerLog } from "./server-log";
import { ratio, summarize, type KindSummary, type Sample } from "./stats";
import { cycle, uploadClient, type Action, type Cycle } from "./upload-clients";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
process.env.ROSTERSYNC_ROOT ??= ROOT;
const log = (message: string) => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------------------------------------
// Options

type Options = {
  duration: number;
  baseline: number;
  json: string;
  port: number;
  skipBuild: boolean;
  organizations: number;
  uploads: number;
  keep: boolean;
};

function options(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: "string" },
      baseline: { type: "string" },
      json: { type: "string" },
      port: { type: "string" },
      "skip-build": { type: "boolean" },
      organizations: { type: "string" },
      uploads: { type: "string" },
      keep: { type: "boolean" },
    },
    strict: true,
  });
  const number = (name: string, raw: string | undefined, fallback: number, min: number) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min)
      throw new UsageError(`--${name} must be an integer ≥ ${min} (got "${raw}")`);
    return value;
  };
  const organizations = number("organizations", values.organizations, 5, 1);
  const uploads = number("uploads", values.uploads, 20, 1);
  if (uploads % organizations !== 0)
    throw new UsageError(`--uploads (${uploads}) must be a multiple of --organizations (${organizations})`);
  return {
    duration: number("duration", values.duration, 120, 5),
    baseline: number("baseline", values.baseline, 10, 1),
    json: path.resolve(values.json ?? path.join(ROOT, "reports", "reliability", "load.json")),
    port: number("port", values.port ?? process.env.LOAD_PORT, 3301, 1),
    skipBuild: values["skip-build"] ?? process.env.E2E_SKIP_BUILD === "1",
    organizations,
    uploads,
    keep: values.keep ?? false,
  };
}

class UsageError extends Error {}

const count = (values: string[]) => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

// ---------------------------------------------------------------------------------------------
// Phases

type Setup = {
  opts: Options;
  organizations: LoadOrganization[];
  files: Map<string, LoadFile[]>;
  /** The newest import id per organization, for the detail page loads. */
  recentImport: Map<string, string>;
  action: Action;
  problems: string[];
};

type Measured = {
  samples: Record<string, Sample[]>;
  seconds: Record<string, number>;
  cycles: Cycle[];
  memory: { peakBytes: number; processes: number };
  peakConnections: number;
  loadAverageAtEnd: number[];
  logDir: string;
};

function serverEnv(target: DatabaseTarget, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  return {
    ...env,
    ...target.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "load-secret-not-for-production-0123456789",
    AUTH_TRUST_HOST: "true",
    AUTH_URL: `http://localhost:${port}`,
    RESEND_API_KEY: "", // mail (held-import notices) goes to the outbox table
    MAIL_TRANSPORT: "outbox",
    CRON_SECRET: "load-cron-secret-not-for-production-0123",
    SOURCE_CREDENTIALS_KEY: process.env.SOURCE_CREDENTIALS_KEY ?? Buffer.alloc(32, 7).toString("base64"),
  };
}

/**
 * Before the server starts (a PGlite data dir opens in one process at a time): the
 * organizations, their admins' sessions, and a first import of each one's base file.
 */
async function setUp(opts: Options, run: DatabaseTarget): Promise<Setup> {
  const action: Action = {
    id: serverActionId(ROOT, "app/(admin)/admin/imports/actions.ts", "applyImportAction"),
    encodeReply: reactEncodeReply(ROOT),
  };
  await switchDatabase(run);
  const organizations = await createOrganizations(opts.organizations);
  const files = new Map(organizations.map((o) => [o.id, loadFiles(o.index)]));
  const recentImport = new Map<string, string>();
  for (const organization of organizations) {
    const status = await uploadThenApply(organization, files.get(organization.id)![0]!);
    if (status !== "applied") throw new Error(`the first import of ${organization.slug} ended ${status}`);
    recentImport.set(organization.id, (await importsInOrder(organization.id)).at(-1)!.id);
  }
  await closeDb();
  return { opts, organizations, files, recentImport, action, problems: [] };
}

/** The server phase: warm-up, the no-load baseline, then the load, with RSS and connections sampled. */
async function measure(setup: Setup, run: DatabaseTarget): Promise<Measured> {
  const { opts, organizations, files, recentImport, action } = setup;
  const logDir = mkdtempSync(path.join(os.tmpdir(), "rostersync-load-"));
  const logPath = path.join(logDir, "server.log");
  log(`server log: ${logPath}`);
  const server = await startServer({ root: ROOT, port: opts.port, env: serverEnv(run, opts.port), logPath });
  const rss = rssSampler(server.pid);
  const sampler = "DATABASE_URL" in run.env ? connectionSampler(run.env.DATABASE_URL) : null;
  let peakConnections = 0;
  const connectionTimer = sampler
    ? setInterval(
        () =>
          void sampler.count().then(
            (n) => (peakConnections = Math.max(peakConnections, n)),
            () => {},
          ),
        250,
      )
    : null;

  const measured: Measured = {
    samples: {},
    seconds: {},
    cycles: [],
    memory: { peakBytes: 0, processes: 0 },
    peakConnections: 0,
    loadAverageAtEnd: [],
    logDir,
  };
  const record = (name: string, seconds: number, samples: Sample[]) => {
    measured.samples[name] = samples;
    measured.seconds[name] = seconds;
  };
  const targets: PageTarget[] = organizations.map((o) => ({
    cookie: o.cookie,
    importId: () => recentImport.get(o.id)!,
    idPrefix: `L${o.index}`,
  }));
  const remember = (organization: LoadOrganization) => (id: string) => recentImport.set(organization.id, id);
  try {
    // Warm-up: every page once (the first request of a route loads its code).
    await loadPages(server.baseUrl, "importPages", targets.slice(0, 1), 1, []);
    await loadPages(server.baseUrl, "rosterPages", targets.slice(0, 1), 1, []);

    // Baseline, no other load: each kind of page alone on one connection, then uploads one at a time.
    log(`baseline: ${opts.baseline} s per kind of page, then ${2 * organizations.length} uploads one at a time`);
    for (const kind of ["importPages", "rosterPages"] as PageKind[]) {
      const samples: Sample[] = [];
      await loadPages(server.baseUrl, kind, targets.slice(0, 1), opts.baseline, samples);
      record(`baseline:${kind}`, opts.baseline, samples);
    }
    const baselineStarted = performance.now();
    const baselineCycles: Cycle[] = [];
    for (const organization of organizations) {
      for (const file of files.get(organization.id)!.slice(1, 3))
        baselineCycles.push(await cycle(server.baseUrl, organization, file, action, remember(organization)));
    }
    measured.cycles.push(...baselineCycles);
    record(
      "baseline:uploadApply",
      (performance.now() - baselineStarted) / 1000,
      baselineCycles.map((c) => ({ ms: c.ms, error: c.error })),
    );

    // The load: upload clients spread over the organizations, and page loads for every one.
    log(
      `load: ${opts.uploads} upload clients over ${organizations.length} organizations and ${2 * organizations.length} page connections for ${opts.duration} s`,
    );
    const loadStarted = performance.now();
    const until = loadStarted + opts.duration * 1000;
    const importSamples: Sample[] = [];
    const rosterSamples: Sample[] = [];
    const perOrganization = opts.uploads / organizations.length;
    const [loadCycles] = await Promise.all([
      Promise.all(
        Array.from({ length: opts.uploads }, (_, client) => {
          const organization = organizations[client % organizations.length]!;
          // Each of an organization's clients starts at another file, so they race with different content.
          const offset = Math.floor(client / organizations.length) % perOrganization;
          return uploadClient(
            server.baseUrl,
            organization,
            files.get(organization.id)!,
            offset,
            until,
            action,
            remember(organization),
          );
        }),
      ).then((all) => all.flat()),
      loadPages(server.baseUrl, "importPages", targets, opts.duration, importSamples),
      loadPages(server.baseUrl, "rosterPages", targets, opts.duration, rosterSamples),
    ]);
    // Uploads started before the end finish after it: their rate is over the time they took.
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    measured.cycles.push(...loadCycles);
    record(
      "upload",
      loadSeconds,
      loadCycles.map((c) => c.upload),
    );
    record(
      "apply",
      loadSeconds,
      loadCycles.flatMap((c) => (c.apply ? [c.apply] : [])),
    );
    record(
      "uploadApply",
      loadSeconds,
      loadCycles.map((c) => ({ ms: c.ms, error: c.error })),
    );
    record("importPages", opts.duration, importSamples);
    record("rosterPages", opts.duration, rosterSamples);
  } finally {
    if (connectionTimer) clearInterval(connectionTimer);
    await sampler?.close();
    measured.memory = rss.stop();
    measured.peakConnections = peakConnections;
    await server.stop();
  }
  measured.loadAverageAtEnd = os.loadavg();
  const { problems: logged, redirectFetchResets } = checkServerLog(readFileSync(logPath, "utf8"));
  if (logged.length > 0)
    setup.problems.push(`the server logged ${logged.length} error line(s), e.g. ${logged.slice(0, 3).join(" | ")}`);
  if (redirectFetchResets > 0)
    log(
      `Next's own fetch of a redirect's page was reset ${redirectFetchResets} time(s); it then redirected plainly (scripts/load/server-log.ts)`,
    );
  return measured;
}

type RunState = { order: string[]; roster: CanonicalRoster; statuses: Record<string, number> };

/**
 * Reads the run back: each organization's imports in the order they were applied, its roster,
 * the final status of every import an upload client made, and what the byte-identical shortcut
 * answers now for each file.
 */
async function readBack(setup: Setup, run: DatabaseTarget, cycles: Cycle[]) {
  const { organizations, files, problems } = setup;
  await switchDatabase(run);
  const states = new Map<string, RunState>();
  let overtaken = 0;
  for (const organization of organizations) {
    const all = await importsInOrder(organization.id);
    const order = appliedFiles(all);
    states.set(organization.id, {
      order,
      roster: await canonicalRosterOf(organization.id),
      statuses: count(all.map((i) => i.status)),
    });
    overtaken += overtakenUnchanged(all).length;
    const mine = cycles.filter((c) => c.organizationId === organization.id && c.importId);
    const final = await statusesOf(
      organization.id,
      mine.map((c) => c.importId!),
    );
    for (const c of mine) {
      const status = final.get(c.importId!) ?? "missing";
      const expected = c.uploadStatus === "unchanged" ? ["unchanged"] : ["applied", "applied_with_errors", "unchanged"];
      if (!c.error && !expected.includes(status))
        problems.push(`${organization.slug}: import ${c.importId} (upload said ${c.uploadStatus}) ended ${status}`);
    }
    // Only the file applied last may be answered "unchanged" now (previews only: nothing is applied).
    for (const file of files.get(organization.id)!) {
      const status = await previewStatus(organization, file);
      const last = file.sha256 === order.at(-1);
      if ((status === "unchanged") !== last)
        problems.push(
          `${organization.slug}: ${file.name} uploaded after the run is ${status}, expected ${last ? "unchanged" : "a preview"}`,
        );
    }
  }
  await closeDb();
  return { states, overtaken };
}

/** The same files, one at a time, in the order each organization applied them, on another database; then the rosters compared. */
async function replayAndCompare(setup: Setup, replay: DatabaseTarget, states: Map<string, RunState>) {
  const { opts, organizations, files, problems } = setup;
  await switchDatabase(replay);
  const replayed = await createOrganizations(opts.organizations);
  let importsReplayed = 0;
  const mismatches: Record<string, string[]> = {};
  for (const organization of replayed) {
    const original = organizations[organization.index - 1]!;
    const { order, roster } = states.get(original.id)!;
    const bySha = new Map(files.get(original.id)!.map((f) => [f.sha256, f]));
    for (const sha of order) {
      const file = bySha.get(sha);
      if (!file) throw new Error(`${original.slug}: an applied import has a sha256 of no load file (${sha})`);
      const status = await uploadThenApply(organization, file);
      importsReplayed += 1;
      if (status === "failed") problems.push(`${original.slug}: replaying ${file.name} failed`);
    }
    const differences = rosterDifferences(await canonicalRosterOf(organization.id), roster);
    if (differences.length > 0) mismatches[original.slug] = differences;
  }
  await closeDb();
  return { importsReplayed, organizationsMatching: organizations.length - Object.keys(mismatches).length, mismatches };
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = options();
  } catch (error) {
    log(`${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const started = Date.now();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const loadAverageAtStart = os.loadavg();
  if (!opts.skipBuild) {
    log("next build …");
    const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) return 1;
  }

  const run = await freshDatabase(databaseUrl, "load");
  const replay = await freshDatabase(databaseUrl, "replay");
  try {
    log(`database: ${run.label}`);
    const setup = await setUp(opts, run);
    const measured = await measure(setup, run);
    log("checking …");
    const { states, overtaken } = await readBack(setup, run, measured.cycles);
    log(`replaying on ${replay.label} …`);
    const replayed = await replayAndCompare(setup, replay, states);

    const kinds: Record<string, KindSummary> = {};
    for (const [name, samples] of Object.entries(measured.samples))
      kinds[name] = summarize(samples, measured.seconds[name] ?? 0);
    // Every request of the load phase once (upload + apply is the two together).
    const requests = ["upload", "apply", "importPages", "rosterPages"].reduce(
      (sum, n) => sum + (kinds[n]?.requests ?? 0),
      0,
    );
    const errors =
      ["upload", "apply", "importPages", "rosterPages"].reduce((sum, n) => sum + (kinds[n]?.errors ?? 0), 0) +
      setup.problems.length;
    const p95 = (name: string) => kinds[name]?.p95 ?? null;
    const postgres = databaseUrl !== undefined;
    const report: LoadReport = {
      date: new Date().toISOString(),
      database: postgres ? "postgres" : "pglite",
      durationSeconds: opts.duration,
      baselineSeconds: opts.baseline,
      organizations: opts.organizations,
      uploadClients: opts.uploads,
      pageConnections: 2 * opts.organizations,
      fileRows: 5_000,
      machine: { cpus: os.cpus().length, loadAverageAtStart, loadAverageAtEnd: measured.loadAverageAtEnd },
      kinds,
      p95RatioUnderLoad: {
        importPages: ratio(p95("importPages"), p95("baseline:importPages")),
        rosterPages: ratio(p95("rosterPages"), p95("baseline:rosterPages")),
        uploadApply: ratio(p95("uploadApply"), p95("baseline:uploadApply")),
      },
      errorRate: requests === 0 ? 0 : errors / requests,
      peakRssBytes: measured.memory.peakBytes,
      serverProcesses: measured.memory.processes,
      peakDatabaseConnections: postgres ? measured.peakConnections : null,
      databasePoolSize: postgres ? Number(process.env.DATABASE_POOL_SIZE ?? 10) : null,
      unchangedOvertakenByApply: overtaken,
      uploadAnswers: count(measured.cycles.map((c) => c.uploadStatus ?? "no answer")),
      imports: Object.fromEntries(setup.organizations.map((o) => [o.slug, states.get(o.id)!.statuses])),
      replay: replayed,
      problems: setup.problems,
      runSeconds: (Date.now() - started) / 1000,
    };
    mkdirSync(path.dirname(opts.json), { recursive: true });
    writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${reportTable(report)}\nJSON: ${path.relative(process.cwd(), opts.json)}\n`);
    for (const problem of setup.problems) log(`problem: ${problem}`);
    for (const [slug, list] of Object.entries(replayed.mismatches))
      for (const message of list) log(`mismatch ${slug}: ${message}`);
    const passed = errors === 0 && Object.keys(replayed.mismatches).length === 0;
    if (passed && !opts.keep) rmSync(measured.logDir, { recursive: true, force: true });
    return passed ? 0 : 1;
  } finally {
    await closeDb();
    if (!opts.keep) {
      await run.drop();
      await replay.drop();
    }
  }
}

process.exitCode = await main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
});
