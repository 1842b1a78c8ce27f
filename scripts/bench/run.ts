// `npm run bench`: the import's wall time and memory on a synthetic district, in one run, on the
// configured database (PostgreSQL when DATABASE_URL is set, else PGlite in a temp dir), next to
// a bare COPY of the same bytes and the targets. See docs/performance.md for the designs.
//
//   npm run bench -- [--rows N] [--steps first,unchanged,identical,changed,xlsx,oneroster,cli,copy] [--json] [--timing] [--seed N] [--keep]
//
// Steps (in this order; a step that needs the first import runs it as setup when not asked for):
//   first      first import of the combined CSV into a fresh organization          → applied
//   unchanged  the same bytes again, `alwaysCompare: true` (full read, plan, no-op) → unchanged
//   identical  the same bytes again, skipped by the sha256 shortcut                → unchanged
//   changed    the "2 % changed" nightly file (generate.ts changedVariant)         → applied
//   undo-changed  undo of the "changed" import (lib/import/undo-import.ts)            → applied
//   undo-first    then undo of the first import: the empty roster                    → applied
//   xlsx       the same rows as XLSX, first import into a second fresh organization → applied
//              (a file over the import's 100 MB limit, e.g. the 1M-row XLSX, must fail with
//              file_too_large instead: that is checked, and its time is not a measurement)
//   oneroster  the same roster as a OneRoster 1.1 CSV set (.zip: orgs, academicSessions, classes,
//              users, enrollments; oneroster-set.ts), first import into a third fresh
//              organization → applied; its target is 1.5 × the combined file's first import
//   cli        the first import again through `node bin/rostersync.js import FILE --org SLUG` into a
//              fourth fresh organization: a child process, so its start-up is in the wall time
//              and its memory is not in this process's RSS → applied
//   copy       baseline: bare `COPY … FROM STDIN` of the CSV bytes into a TEMP table of text columns
//
// On PostgreSQL it creates its own database (rostersync_bench_<random>) next to DATABASE_URL's
// and drops it at the end; it never touches the given database's tables. Peak RSS per step is
// the max of `process.memoryUsage().rss` sampled every 50 ms by a worker thread (so a step that
// blocks the main thread is still sampled); it is process-wide (PGlite's WASM heap included).
// `--timing` (or ROSTERSYNC_IMPORT_TIMING=1) gives runImport its phase-timing hook and prints where
// the time goes (each phase, and each statement of the roster snapshot and the apply), with RSS and
// V8 heap after each phase; it adds separate parse-only passes before each step.
// `--keep` leaves the database (or PGlite dir) for a look with psql. Exit: 0 all steps ended as
// they should, 1 otherwise, 2 bad options. Missing a target is reported, not an exit code.

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import vm from "node:vm";
import { Worker } from "node:worker_threads";
import type { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { closeDb, getDb, getDriver, migrateDatabase, rowsOf, type Database } from "@/db/client";
import { getImportRecord, type ImportStatus } from "@/db/queries/import-records";
import { undoDataBytes } from "@/db/queries/import-undo";
import { DiskFile, type ImportBytes } from "@/lib/import/byte-source";
import { ENTITY_TYPES, type ImportCounts } from "@/lib/import/plan-types";
import { readAndMap } from "@/lib/import/read-and-map";
import { runImport, type ImportTiming, type RunImportInput } from "@/lib/import/run-import";
import { readFile } from "@/lib/import/read-file";
import { DEFAULT_READ_LIMITS, FIELDS, type AnyField } from "@/lib/import/types";
import { undoImport } from "@/lib/import/undo-import";
import { combinedRowSchema } from "@/lib/import/validate-rows";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createThrowawayDatabase } from "@/tests/support/throwaway-database";
import type { DistrictCounts, GeneratedFiles } from "./generate";
import { combinedToOneRoster } from "./oneroster-set";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
process.env.ROSTERSYNC_ROOT ??= ROOT;

const STEPS = [
  "first",
  "unchanged",
  "identical",
  "changed",
  "undo-changed",
  "undo-first",
  "xlsx",
  "oneroster",
  "cli",
  "copy",
] as const;
type Step = (typeof STEPS)[number];
type UndoStep = "undo-changed" | "undo-first";
type ImportStep = Exclude<Step, "copy" | "cli" | UndoStep>;
/** The import each undo step undoes. */
const UNDOES: Record<UndoStep, ImportStep> = { "undo-changed": "changed", "undo-first": "first" };
const isUndoStep = (step: Step): step is UndoStep => step in UNDOES;
const EXPECTED: Record<ImportStep, ImportStatus> = {
  first: "applied",
  unchanged: "unchanged",
  identical: "unchanged",
  changed: "applied",
  xlsx: "applied",
  oneroster: "applied",
};
const TITLES: Record<Step, string> = {
  first: "(1) first import, CSV",
  unchanged: "(2) unchanged, full diff (alwaysCompare)",
  identical: "(3) byte-identical (sha256 shortcut)",
  changed: "(4) 2 % changed",
  "undo-changed": "(4u) undo of the 2 % change",
  "undo-first": "(1u) undo of the first import",
  xlsx: "(5) first import, XLSX (2nd org)",
  oneroster: "(6) first import, OneRoster 1.1 set .zip (3rd org)",
  cli: "(8) first import through `rostersync import` (4th org, start-up included)",
  copy: "(7) baseline: bare COPY FROM STDIN",
};
const SAMPLE_MS = 50;

const log = (message: string) => process.stderr.write(`${message}\n`);
const mb = (bytes: number) => bytes / 1024 / 1024;
const fmt = (n: number, digits = 2) => n.toFixed(digits);
const int = (n: number) => n.toLocaleString("en-US");

// ---------------------------------------------------------------------------------------------
// Options

type Options = { rows: number; steps: Step[]; json: boolean; timing: boolean; seed: number | undefined; keep: boolean };

function options(): Options {
  const { values } = parseArgs({
    options: {
      rows: { type: "string" },
      steps: { type: "string" },
      json: { type: "boolean" },
      timing: { type: "boolean" },
      seed: { type: "string" },
      keep: { type: "boolean" },
    },
    strict: true,
  });
  const rows = values.rows === undefined ? 180_000 : Number(values.rows.replace(/[_,]/g, ""));
  if (!Number.isInteger(rows) || rows < 100) throw new Error(`--rows must be an integer ≥ 100 (got "${values.rows}")`);
  const asked = (values.steps ?? STEPS.join(","))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = asked.filter((s) => !(STEPS as readonly string[]).includes(s));
  if (unknown.length > 0 || asked.length === 0)
    throw new Error(
      `--steps takes a comma list of ${STEPS.join(", ")} (unknown: ${unknown.join(", ") || "none given"})`,
    );
  const envTiming = process.env.ROSTERSYNC_IMPORT_TIMING;
  return {
    rows,
    steps: STEPS.filter((s) => asked.includes(s)),
    json: values.json ?? false,
    timing: values.timing ?? (envTiming !== undefined && envTiming !== "" && envTiming !== "0"),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    keep: values.keep ?? false,
  };
}

// ---------------------------------------------------------------------------------------------
// Memory: a worker samples the process's RSS every 50 ms into shared memory (KB), so steps that
// block the main thread (parsing, planning) are sampled too.

const SAMPLER = `
const { workerData } = require("node:worker_threads");
const peak = new Int32Array(workerData.buffer);
const sample = () => {
  const kb = Math.round(process.memoryUsage.rss() / 1024);
  for (;;) {
    const current = Atomics.load(peak, 0);
    if (kb <= current || Atomics.compareExchange(peak, 0, current, kb) === current) break;
  }
  Atomics.add(peak, 1, 1);
};
setInterval(sample, workerData.interval);
`;

class Memory {
  private readonly peak = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker = new Worker(SAMPLER, {
    eval: true,
    workerData: { buffer: this.peak.buffer, interval: SAMPLE_MS },
  });
  private readonly gc: (() => void) | null;

  constructor() {
    this.worker.unref();
    v8.setFlagsFromString("--expose-gc");
    const gc: unknown = vm.runInNewContext("typeof gc === 'function' ? gc : null");
    this.gc = typeof gc === "function" ? (gc as () => void) : null;
  }

  /** Collects garbage (so a step does not pay for the last one's), resets the peak; answers RSS now (MB). */
  reset(): number {
    this.gc?.();
    Atomics.store(this.peak, 0, 0);
    Atomics.store(this.peak, 1, 0);
    this.sample();
    return mb(process.memoryUsage.rss());
  }

  sample() {
    const kb = Math.round(process.memoryUsage.rss() / 1024);
    if (kb > Atomics.load(this.peak, 0)) Atomics.store(this.peak, 0, kb);
  }

  read(): { peakMB: number; samples: number } {
    this.sample();
    return { peakMB: Atomics.load(this.peak, 0) / 1024, samples: Atomics.load(this.peak, 1) };
  }

  async close() {
    await this.worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------
// Database: a fresh database on the server (dropped at the end), or PGlite in a temp dir.

type DatabaseSetup = {
  driver: "postgres" | "pglite";
  where: string;
  url: string | null;
  /** Drops the database (deletes the data dir). */
  cleanup: () => Promise<void>;
  /** --keep: leaves it for a look (psql, the CLI) and says where it is. */
  keep: () => Promise<string>;
};

async function setUpDatabase(): Promise<DatabaseSetup> {
  const database = await createThrowawayDatabase(process.env.DATABASE_URL, {
    prefix: "rostersync_bench",
    pglite: "directory",
  });
  Object.assign(process.env, database.env);
  const pg = database.postgres;
  return {
    driver: pg ? "postgres" : "pglite",
    where: `${database.label} (${pg ? "dropped" : "deleted"} at the end)`,
    url: pg?.url ?? null,
    cleanup: database.drop,
    keep: async () =>
      pg
        ? `kept: DATABASE_URL=${pg.url} (drop it with: drop database "${pg.name}")`
        : `kept: PGLITE_DIR=${process.env.PGLITE_DIR} (delete ${path.dirname(process.env.PGLITE_DIR ?? "")} when done)`,
  };
}

function packageVersion(name: string): string {
  try {
    return (
      JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }
    ).version;
  } catch {
    return "?";
  }
}

// ---------------------------------------------------------------------------------------------
// The synthetic files: generated in a child process, so the generator's (and SheetJS's) memory
// never counts in this process's RSS.

function generateFiles(opts: Options, dir: string, xlsx: boolean): GeneratedFiles {
  const script = path.join(ROOT, "scripts", "bench", "generate.ts");
  const args = [...process.execArgv, "--max-old-space-size=8192", script, "--rows", String(opts.rows), "--out", dir];
  if (xlsx) args.push("--xlsx");
  if (opts.seed !== undefined) args.push("--seed", String(opts.seed));
  const out = execFileSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as GeneratedFiles;
}

// ---------------------------------------------------------------------------------------------
// Timing breakdown (--timing): runImport's apply path, step by step, with a clock around each call.

/** `rssMB`/`heapMB`: the process's RSS and V8 heap in use when the phase ended. */
type Phase = { name: string; ms: number; count?: number; extra?: boolean; rssMB?: number; heapMB?: number };

class Timer {
  readonly phases: Phase[] = [];
  private readonly byName = new Map<string, Phase>();

  add(name: string, ms: number, extra = false) {
    const usage = process.memoryUsage();
    const memoryNow = { rssMB: mb(usage.rss), heapMB: mb(usage.heapUsed) };
    const phase = this.byName.get(name);
    if (phase) {
      phase.ms += ms;
      phase.count = (phase.count ?? 1) + 1;
      Object.assign(phase, memoryNow);
    } else {
      const created: Phase = { name, ms, extra, ...memoryNow };
      this.phases.push(created);
      this.byName.set(name, created);
    }
  }
}

const dialect = new PgDialect();

/** "insert into enrollments", "update students", "set active=false on enrollments", "select from classes". */
function statementLabel(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const setActive = /^\s*(?:with written as \()?\s*update (\w+) t set active = \$(\d+)/i.exec(text);
  if (setActive) return `set active=${String(params[Number(setActive[2]) - 1])} on ${setActive[1]}`;
  const write = /^\s*(?:with written as \()?\s*(insert into|update|analyze)\s+(\w+)/i.exec(text);
  if (write) return `${write[1]?.toLowerCase()} ${write[2]}`;
  const read = /\bfrom\s+(\w+)/i.exec(text);
  return read ? `select from ${read[1]}` : text.slice(0, 40);
}

/** The executor with a clock around every `execute` (all of apply's statements go through it). */
function timedExecutor<T extends object>(executor: T, timer: Timer, prefix: string): T {
  return new Proxy(executor, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== "execute" || typeof value !== "function") return value;
      return async (query: SQL) => {
        const label = `${prefix}${statementLabel(query)}`;
        const started = performance.now();
        try {
          return await (value as (q: SQL) => Promise<unknown>).call(target, query);
        } finally {
          timer.add(label, performance.now() - started);
        }
      };
    },
  });
}

/** runImport's phase-timing hook on the timer: its phases, and each statement of the snapshot and apply. */
function importTiming(timer: Timer): ImportTiming {
  return {
    phase: (name, ms) => timer.add(name, ms),
    executor: (executor, phase) => timedExecutor(executor, timer, `  ${phase}: `),
  };
}

/** A file over the size limit: what reading it would cost with the limits lifted (separate pass). */
function liftedLimitPass(bytes: ImportBytes, timer: Timer) {
  let started = performance.now();
  const table = readFile(bytes, {
    limits: { maxBytes: Number.POSITIVE_INFINITY, maxUncompressedBytes: Number.POSITIVE_INFINITY },
  });
  timer.add(`  (separate pass, size limits lifted) readFile`, performance.now() - started, true);
  started = performance.now();
  let rows = 0;
  table.eachRow(() => {
    rows += 1;
  });
  timer.add(`  (separate pass, size limits lifted) walk ${int(rows)} rows`, performance.now() - started, true);
}

/**
 * Separate passes before the step (not in its wall time): reading alone, without validation;
 * then reading plus only the zod row schema (what validateRows spends on zod).
 */
function parseOnly(bytes: ImportBytes, timer: Timer) {
  let started = performance.now();
  const { table, map } = readAndMap(bytes, "combined", null);
  timer.add("  (separate pass) read file + map header", performance.now() - started, true);
  started = performance.now();
  let rows = 0;
  table.eachRow(() => {
    rows += 1;
  });
  timer.add(`  (separate pass) walk ${int(rows)} rows, no validation`, performance.now() - started, true);
  if (table.format !== "csv") return;
  const { table: again } = readAndMap(bytes, "combined", null);
  const columns = map.columns as Partial<Record<AnyField, number>>;
  const fields = [...FIELDS.combined.required, ...FIELDS.combined.optional] as AnyField[];
  started = performance.now();
  again.eachRow((cells) => {
    const values: Record<string, string> = {};
    for (const field of fields) values[field] = columns[field] === undefined ? "" : (cells[columns[field]] ?? "");
    combinedRowSchema.safeParse(values);
  });
  timer.add(`  (separate pass) walk rows + combinedRowSchema.safeParse only`, performance.now() - started, true);
}

// ---------------------------------------------------------------------------------------------
// Targets (2-core machine, PostgreSQL): ratios to a bare COPY of the same bytes in the same run
// (the machine is shared, so seconds say little), and peak RSS at 1M rows and from 5M rows.

type Target = { ratio: number | null; seconds: number | null; rssMB: number | null };
const NO_TARGET: Target = { ratio: null, seconds: null, rssMB: null };

function targetFor(step: Step, rows: number): Target {
  const rssMB = rows >= 5_000_000 ? 1024 : rows >= 1_000_000 ? 500 : null;
  switch (step) {
    case "first":
      return { ratio: rows >= 5_000_000 ? 15 : 12, seconds: null, rssMB };
    case "cli":
      return { ratio: 15, seconds: null, rssMB: null };
    case "unchanged":
    case "changed":
      return { ratio: 4, seconds: null, rssMB };
    case "identical":
      return { ratio: null, seconds: 0.5, rssMB };
    case "xlsx":
      return { ratio: 30, seconds: null, rssMB };
    case "undo-changed":
    case "undo-first":
      return { ratio: null, seconds: null, rssMB };
    case "oneroster":
      return NO_TARGET; // 1.5 × the first import's time in the same run: set when both ran
    case "copy":
      return NO_TARGET;
  }
}

// ---------------------------------------------------------------------------------------------
// Steps

type StepResult = {
  step: Step;
  title: string;
  setup: boolean;
  rows: number;
  wallS: number;
  peakRssMB: number;
  startRssMB: number;
  samples: number;
  status: string;
  expected: string;
  ok: boolean;
  /** False when the step did no real work to time (a file refused for its size). */
  measured: boolean;
  problems: string[];
  counts?: ImportCounts;
  target: Target;
  meetsTarget: boolean | null;
  ratioToCopy?: number | null;
  /** Bytes the import's undo data takes (what restoring needs), as stored. */
  undoBytes?: number;
  /** Undo steps: wall time over the wall time of the import undone. */
  ratioToUndone?: number | null;
  breakdown?: Phase[];
};

/** Checks counts against the generator's expectation: `expected` maps "type.change" → n; unlisted ones must be 0. */
function countProblems(counts: ImportCounts, expected: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const type of ENTITY_TYPES) {
    for (const [change, got] of Object.entries(counts[type])) {
      const want = expected[`${type}.${change}`] ?? 0;
      if (got !== want) problems.push(`${type} ${change} ${got} (expected ${want})`);
    }
  }
  return problems;
}

const firstCounts = (c: DistrictCounts): Record<string, number> => ({
  "schools.created": c.schools,
  "terms.created": c.terms,
  "classes.created": c.classes,
  "students.created": c.students,
  "staff.created": c.staff,
  "enrollments.created": c.enrollments,
  "assignments.created": c.assignments,
});

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = options();
  } catch (error) {
    log(`bench: ${error instanceof Error ? error.message : String(error)}`);
    log(
      "usage: npm run bench -- [--rows N] [--steps first,unchanged,identical,changed,xlsx,oneroster,cli,copy] [--json] [--timing] [--seed N] [--keep]",
    );
    return 2;
  }
  // Past 2M rows (~190 MB) the file needs the raised limits a deployment for the largest districts sets.
  if (opts.rows > 2_000_000) {
    process.env.IMPORT_MAX_FILE_MB ||= "1024";
    process.env.IMPORT_MAX_ROWS ||= "10000000";
    log(`bench: IMPORT_MAX_FILE_MB=${process.env.IMPORT_MAX_FILE_MB}, IMPORT_MAX_ROWS=${process.env.IMPORT_MAX_ROWS}`);
  }
  const memory = new Memory();
  const needsFirst = opts.steps.some(
    (s) =>
      s === "unchanged" ||
      s === "identical" ||
      s === "changed" ||
      s === "oneroster" ||
      s === "undo-changed" ||
      s === "undo-first",
  );
  // Undoing the first import needs the change undone first (it wrote the same rows).
  const needsChanged = opts.steps.includes("undo-changed") || opts.steps.includes("undo-first");
  const needsUndoChanged = opts.steps.includes("undo-first");
  const runSteps: Array<{ step: Step; setup: boolean }> = STEPS.filter(
    (s) =>
      opts.steps.includes(s) ||
      (s === "first" && needsFirst) ||
      (s === "changed" && needsChanged) ||
      (s === "undo-changed" && needsUndoChanged),
  ).map((step) => ({ step, setup: !opts.steps.includes(step) }));

  const filesDir = mkdtempSync(path.join(os.tmpdir(), "rostersync-bench-files-"));
  let database: DatabaseSetup | null = null;
  let rawClose: (() => Promise<void>) | null = null;
  const results: StepResult[] = [];
  let failed = false;
  const onSignal = () => {
    log("bench: interrupted, cleaning up");
    void (async () => {
      await rawClose?.().catch(() => {});
      await closeDb().catch(() => {});
      await database?.cleanup().catch(() => {});
      rmSync(filesDir, { recursive: true, force: true });
      process.exit(130);
    })();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    log(`bench: generating ${int(opts.rows)} rows (child process) …`);
    let started = performance.now();
    const files = generateFiles(opts, filesDir, opts.steps.includes("xlsx"));
    const generateS = (performance.now() - started) / 1000;
    // Each step reads its own file just before it runs, so no other file's bytes sit in RSS; a
    // CSV is handed over as a file on disk, read in pieces as the CLI reads it (never whole).
    const bytesOf = (step: Step): { bytes: ImportBytes; fileName: string } => {
      // The OneRoster set is built from the combined CSV here, before the step's clock starts.
      if (step === "oneroster")
        return { bytes: combinedToOneRoster(readFileSync(files.csv)), fileName: "oneroster.zip" };
      const file = step === "xlsx" ? files.xlsx : step === "changed" ? files.changedCsv : files.csv;
      if (isUndoStep(step)) throw new Error("an undo step reads no file");
      if (!file) throw new Error("the XLSX file was not generated");
      return { bytes: step === "xlsx" ? readFileSync(file) : new DiskFile(file), fileName: path.basename(file) };
    };

    started = performance.now();
    database = await setUpDatabase();
    await migrateDatabase();
    const db = await getDb();
    const driver = await getDriver();
    const setupDbS = (performance.now() - started) / 1000;
    const [{ version: fullVersion } = { version: "?" }] = rowsOf<{ version: string }>(
      await db.execute(sql`select version() as version`),
    );
    const version = fullVersion.replace(/, compiled by .*?(, (?:32|64)-bit)?$/, "$1");
    const driverName =
      driver === "postgres"
        ? `postgres.js ${packageVersion("postgres")}`
        : `PGlite ${packageVersion("@electric-sql/pglite")} (in-process WASM)`;
    log(`bench: ${driverName}, ${version}; ${database.where}`);

    const newOrganization = async (label: string) => {
      const slug = `bench-${label}-${randomBytes(4).toString("hex")}`;
      const { organization } = await createOrganization(
        db,
        { name: `Bench District ${label}`, slug, adminEmail: "bench-admin@example.com" },
        "bench",
      );
      return organization;
    };
    const organization =
      opts.steps.some((s) => s !== "xlsx" && s !== "copy" && s !== "cli") || needsFirst
        ? await newOrganization("csv")
        : null;

    const applied = new Map<Step, StepResult & { importId: string }>();
    const runStep = async (step: Step, setup: boolean) => {
      const title = TITLES[step] + (setup ? " (setup)" : "");
      log(`bench: ${title} …`);
      const target = targetFor(step, opts.rows);
      const timer = opts.timing && step !== "copy" ? new Timer() : null;
      let result: StepResult;

      if (isUndoStep(step)) {
        const undone = applied.get(UNDOES[step]);
        if (!undone || !organization) throw new Error(`${step} needs the ${UNDOES[step]} import`);
        const startRssMB = memory.reset();
        const t0 = performance.now();
        const outcome = await undoImport(db, organization.id, undone.importId, { label: "bench" });
        const wallS = (performance.now() - t0) / 1000;
        const mem = memory.read();
        const problems: string[] = [];
        if (outcome.status !== "applied") problems.push(`status ${outcome.status}, expected applied`);
        // The undo takes back exactly what the import did: its creations, its ends and deactivations.
        for (const type of ENTITY_TYPES) {
          const did = undone.counts?.[type];
          const back = outcome.counts[type];
          if (did && back.deactivated < did.created)
            problems.push(`${type}: ${back.deactivated} removed or deactivated, expected at least ${did.created}`);
          if (did && back.reactivated + back.updated < did.deactivated)
            problems.push(`${type}: ${back.reactivated} restored, expected ${did.deactivated}`);
        }
        if (step === "undo-first") {
          const [left] = rowsOf<{ n: string | number }>(
            await db.execute(
              sql`select (select count(*) from students where organization_id = ${organization.id}) + (select count(*) from enrollments where organization_id = ${organization.id}) as n`,
            ),
          );
          if (Number(left?.n ?? -1) !== 0) problems.push(`${left?.n} students and enrollments left, expected none`);
        }
        result = {
          step,
          title,
          setup,
          rows: Object.values(outcome.counts).reduce(
            (n, c) => n + c.created + c.updated + c.reactivated + c.deactivated,
            0,
          ),
          wallS,
          peakRssMB: mem.peakMB,
          startRssMB,
          samples: mem.samples,
          status: `${outcome.status}, ${int(undone.undoBytes ?? 0)} bytes of undo data read; its own ${int(await undoDataBytes(db, organization.id, outcome.id))}`,
          expected: "applied",
          ok: problems.length === 0,
          measured: true,
          problems,
          counts: outcome.counts,
          target,
          meetsTarget: null,
          undoBytes: await undoDataBytes(db, organization.id, outcome.id),
          ratioToUndone: wallS / undone.wallS,
        };
      } else if (step === "cli") {
        const org = await newOrganization("cli");
        const startRssMB = memory.reset();
        const t0 = performance.now();
        const out = execFileSync(
          process.execPath,
          [path.join(ROOT, "bin", "rostersync.js"), "import", files.csv, "--org", org.slug, "--json"],
          { cwd: ROOT, encoding: "utf8", env: process.env, stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 26 },
        );
        const wallS = (performance.now() - t0) / 1000;
        const mem = memory.read();
        const answer = JSON.parse(out) as { status?: string; rows?: number };
        const problems = answer.status === "applied" ? [] : [`status ${answer.status ?? "?"}, expected applied`];
        result = {
          step,
          title,
          setup,
          rows: answer.rows ?? 0,
          wallS,
          peakRssMB: mem.peakMB,
          startRssMB,
          samples: mem.samples,
          status: answer.status ?? "?",
          expected: "applied",
          ok: problems.length === 0,
          measured: true,
          problems,
          target,
          meetsTarget: null,
        };
      } else if (step === "copy") {
        const copy = await prepareCopy(db, driver, database?.url ?? null);
        rawClose = copy.close;
        const startRssMB = memory.reset();
        const t0 = performance.now();
        await copy.run(files.csv);
        const wallS = (performance.now() - t0) / 1000;
        const mem = memory.read();
        const copied = await copy.count();
        await copy.close();
        rawClose = null;
        const ok = copied === files.counts.rows;
        result = {
          step,
          title,
          setup,
          rows: copied,
          wallS,
          peakRssMB: mem.peakMB,
          startRssMB,
          samples: mem.samples,
          status: `copied ${int(copied)} rows`,
          expected: `${int(files.counts.rows)} rows`,
          ok,
          measured: true,
          problems: ok ? [] : [`COPY loaded ${copied} rows, expected ${files.counts.rows}`],
          target,
          meetsTarget: null,
        };
      } else {
        const org = step === "xlsx" || step === "oneroster" ? await newOrganization(step) : organization;
        if (!org) throw new Error("no organization");
        const { bytes, fileName } = bytesOf(step);
        // A file over the import's size limit must fail with file_too_large (docs/import-rules.md "Reading"): that is
        // what the step then checks, and its time means nothing.
        const overLimit = bytes.byteLength > DEFAULT_READ_LIMITS.maxBytes;
        const input: RunImportInput = {
          organizationId: org.id,
          kind: step === "oneroster" ? "oneroster" : "combined",
          source: "cli",
          fileName,
          bytes,
          actor: { label: "bench" },
          mode: "apply",
          thresholdPercent: org.deactivationThresholdPercent,
          alwaysCompare: step === "unchanged",
        };
        if (timer && step !== "identical" && step !== "oneroster") {
          if (overLimit) liftedLimitPass(bytes, timer);
          else parseOnly(bytes, timer);
        }
        const startRssMB = memory.reset();
        const t0 = performance.now();
        const outcome = await runImport(db, timer ? { ...input, timing: importTiming(timer) } : input);
        const wallS = (performance.now() - t0) / 1000;
        const mem = memory.read();
        if (timer)
          timer.add(
            "  (unaccounted: sum of phases vs wall)",
            wallS * 1000 -
              timer.phases.filter((p) => !p.extra && !p.name.startsWith("  ")).reduce((n, p) => n + p.ms, 0),
            true,
          );

        const expected: ImportStatus = overLimit ? "failed" : EXPECTED[step];
        const problems: string[] = [];
        const firstError = outcome.issues.find((i) => i.severity === "error");
        if (outcome.status !== expected) {
          const why = outcome.heldReason ?? firstError?.message ?? "";
          problems.push(`status ${outcome.status}, expected ${expected}${why ? `: ${why}` : ""}`);
        } else if (overLimit && firstError?.code !== "file_too_large") {
          problems.push(`failed with ${firstError?.code ?? "no issue"}, expected file_too_large`);
        }
        const rows = overLimit ? 0 : step === "changed" ? files.change.rows : files.counts.rows;
        const statusOk = problems.length === 0;
        // A set's rows are its files' rows (users, classes, … too): not the combined file's.
        if (outcome.rows !== rows && step !== "oneroster") problems.push(`rows ${outcome.rows} (expected ${rows})`);
        if (!statusOk || overLimit) {
          // counts mean nothing when the status is already wrong, or for a refused file
        } else if (step === "first" || step === "xlsx" || step === "oneroster")
          problems.push(...countProblems(outcome.counts, firstCounts(files.counts)));
        if (step === "unchanged" || step === "identical") problems.push(...countProblems(outcome.counts, {}));
        if (step === "changed") {
          const e = files.change.expected;
          problems.push(
            ...countProblems(outcome.counts, {
              "students.created": e.students.created,
              "students.updated": e.students.updated,
              "students.deactivated": e.students.deactivated,
              "staff.deactivated": e.staff.deactivated,
              "classes.updated": e.classes.updated,
              "classes.deactivated": e.classes.deactivated,
              "enrollments.created": e.enrollments.created,
              "enrollments.deactivated": e.enrollments.deactivated,
              "assignments.deactivated": e.assignments.deactivated,
            }),
          );
        }
        let status: string = overLimit
          ? `failed: ${firstError?.code ?? "?"} (${fmt(mb(bytes.byteLength), 1)} MB > the ${fmt(mb(DEFAULT_READ_LIMITS.maxBytes), 0)} MB limit; nothing measured)`
          : outcome.status;
        if (step === "identical" || step === "unchanged") {
          const record = await getImportRecord(db, org.id, outcome.id);
          const shortcut = Boolean((record?.planSummary as { identicalTo?: string } | null)?.identicalTo);
          if (step === "identical" && !shortcut) problems.push("did not take the sha256 shortcut");
          if (step === "unchanged" && shortcut) problems.push("took the sha256 shortcut despite alwaysCompare");
          status += shortcut ? " (sha256 shortcut)" : " (full diff)";
        }
        const errors = outcome.issues.filter((i) => i.severity === "error").length;
        const warnings = outcome.issues.filter((i) => i.severity === "warning").length;
        if (!overLimit && errors + warnings > 0) status += `, ${errors} errors, ${warnings} warnings`;
        result = {
          step,
          title,
          setup,
          rows: outcome.rows,
          wallS,
          peakRssMB: mem.peakMB,
          startRssMB,
          samples: mem.samples,
          status,
          expected,
          ok: problems.length === 0,
          measured: !overLimit,
          problems,
          counts: outcome.counts,
          target: overLimit ? NO_TARGET : target,
          meetsTarget: null,
          ...(timer ? { breakdown: timer.phases } : {}),
          undoBytes: await undoDataBytes(db, org.id, outcome.id),
        };
        applied.set(step, { ...result, importId: outcome.id });
      }
      const first = results.find((r) => r.step === "first");
      if (step === "oneroster" && first?.measured) {
        result.target = { ratio: null, seconds: 1.5 * first.wallS, rssMB: null };
      }
      log(
        `bench:   ${fmt(result.wallS)} s, peak RSS ${fmt(result.peakRssMB, 0)} MB, ${result.status}${result.ok ? "" : ` — FAILED: ${result.problems.join("; ")}`}`,
      );
      results.push(result);
      if (!result.ok) failed = true;
    };

    for (const { step, setup } of runSteps) await runStep(step, setup);

    const copy = results.find((r) => r.step === "copy");
    for (const r of results) {
      r.ratioToCopy = copy && r.step !== "copy" && r.measured ? r.wallS / copy.wallS : null;
      const t = r.target;
      if (t.ratio !== null || t.seconds !== null || t.rssMB !== null) {
        r.meetsTarget =
          (t.ratio === null || (r.ratioToCopy !== null && r.ratioToCopy !== undefined && r.ratioToCopy <= t.ratio)) &&
          (t.seconds === null || r.wallS <= t.seconds) &&
          (t.rssMB === null || r.peakRssMB <= t.rssMB);
      }
    }

    await closeDb();
    const usage = process.resourceUsage();
    const report = {
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? "?",
        memoryGB: os.totalmem() / 1024 ** 3,
        platform: `${os.platform()} ${os.release()}`,
      },
      node: process.version,
      database: { driver, client: driverName, server: version, where: database.where },
      file: {
        rows: files.counts.rows,
        csvMB: mb(files.bytes.csv),
        changedCsvMB: mb(files.bytes.changedCsv),
        xlsxMB: files.bytes.xlsx === null ? null : mb(files.bytes.xlsx),
        counts: files.counts,
        change: files.change,
        seed: files.seed,
      },
      setupS: { generate: generateS, createDatabaseAndMigrate: setupDbS },
      timing: opts.timing,
      steps: results,
      maxRssMB: usage.maxRSS / 1024,
      ok: !failed,
    };
    if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(markdown(report, opts));
    return failed ? 1 : 0;
  } catch (error) {
    log(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    await (rawClose as (() => Promise<void>) | null)?.().catch(() => {});
    await closeDb().catch(() => {});
    if (opts.keep && database) log(`bench: ${await database.keep()}`);
    else await database?.cleanup().catch((error: unknown) => log(`bench: cleanup failed: ${String(error)}`));
    rmSync(filesDir, { recursive: true, force: true });
    await memory.close();
  }
}

// ---------------------------------------------------------------------------------------------
// COPY baseline: a TEMP table of 12 text columns, the CSV bytes piped in as they are.

const COPY_TABLE = `create temp table bench_copy (${Array.from({ length: 12 }, (_, i) => `c${i + 1} text`).join(", ")})`;

async function prepareCopy(db: Database, driver: "postgres" | "pglite", url: string | null) {
  if (driver === "postgres") {
    if (!url) throw new Error("no database url");
    const raw = postgres(url, {
      max: 1,
      onnotice: () => {},
      connection: { application_name: "rostersync-bench-copy" },
    });
    await raw.unsafe(COPY_TABLE);
    return {
      run: async (file: string) => {
        const writable = await raw`copy bench_copy from stdin with (format csv, header true)`.writable();
        await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), writable);
      },
      count: async () => Number((await raw`select count(*)::int as n from bench_copy`)[0]?.n ?? 0),
      close: async () => raw.end({ timeout: 5 }),
    };
  }
  const client = (db as unknown as { $client: PGlite }).$client;
  await client.exec(COPY_TABLE);
  return {
    run: async (file: string) => {
      await client.query("copy bench_copy from '/dev/blob' with (format csv, header true)", [], {
        blob: new Blob([readFileSync(file)]),
      });
    },
    count: async () =>
      Number((await client.query<{ n: number }>("select count(*)::int as n from bench_copy")).rows[0]?.n ?? 0),
    close: async () => {
      await client.exec("drop table if exists bench_copy");
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Report

type Report = {
  machine: { cpus: number; model: string; memoryGB: number; platform: string };
  node: string;
  database: { client: string; server: string; where: string };
  file: {
    rows: number;
    csvMB: number;
    changedCsvMB: number;
    xlsxMB: number | null;
    counts: DistrictCounts;
    change: GeneratedFiles["change"];
    seed: number;
  };
  setupS: { generate: number; createDatabaseAndMigrate: number };
  steps: StepResult[];
  maxRssMB: number;
  ok: boolean;
};

function targetText(r: StepResult): string {
  const t = r.target;
  const parts: string[] = [];
  if (t.ratio !== null) {
    const ratio = r.ratioToCopy;
    const verdict = ratio === null || ratio === undefined ? "(no COPY step)" : ratio <= t.ratio ? "✓" : "✗";
    parts.push(`≤ ${t.ratio}× COPY ${verdict}`);
  }
  if (t.seconds !== null)
    parts.push(
      `≤ ${t.seconds < 1 ? fmt(t.seconds, 2) : t.seconds < 10 ? fmt(t.seconds, 1) : fmt(t.seconds, 0)} s ${r.wallS <= t.seconds ? "✓" : "✗"}`,
    );
  if (t.rssMB !== null) parts.push(`≤ ${fmt(t.rssMB, 0)} MB RSS ${r.peakRssMB <= t.rssMB ? "✓" : "✗"}`);
  return parts.join(", ") || "–";
}

function markdown(report: Report, opts: Options): string {
  const f = report.file;
  const lines = [
    `## RosterSync import benchmark — ${int(f.rows)} rows`,
    "",
    `- machine: ${report.machine.cpus} × ${report.machine.model}, ${fmt(report.machine.memoryGB, 1)} GB RAM, ${report.machine.platform}`,
    `- Node ${report.node}`,
    `- database: ${report.database.client} → ${report.database.server}`,
    `  (${report.database.where})`,
    `- file: ${int(f.rows)} rows, ${fmt(f.csvMB, 1)} MB CSV (${f.counts.schools} schools, ${int(f.counts.staff)} teachers, ${int(f.counts.students)} students, ${int(f.counts.classes)} classes, ${int(f.counts.enrollments)} enrollments, ${int(f.counts.assignments)} teaching assignments; seed ${f.seed})` +
      (f.xlsxMB === null ? "" : `; XLSX ${fmt(f.xlsxMB, 1)} MB`),
    `- 2 % changed file: ${int(f.change.rows)} rows — ${int(f.change.rowsRemoved)} removed, ${int(f.change.rowsEdited)} edited, ${int(f.change.rowsAdded)} added (organization threshold 10 %, so it applies)`,
    `- setup, not measured: generate ${fmt(report.setupS.generate, 1)} s (child process), create database + migrate ${fmt(report.setupS.createDatabaseAndMigrate, 1)} s`,
    "",
    "| step | rows | wall s | target | ratio to COPY | peak RSS MB | RSS at start MB | undo data MB | status |",
    "|---|---:|---:|---|---:|---:|---:|---:|---|",
  ];
  for (const r of report.steps) {
    const ratio =
      r.ratioToUndone !== undefined && r.ratioToUndone !== null
        ? `${fmt(r.ratioToUndone, 2)}× the import undone`
        : r.ratioToCopy === null || r.ratioToCopy === undefined
          ? "–"
          : `${fmt(r.ratioToCopy, 1)}×`;
    const undoMB = r.undoBytes === undefined ? "–" : fmt(mb(r.undoBytes), 2);
    const status = r.ok ? `${r.status} ✓` : `✗ ${r.problems.join("; ")}`;
    lines.push(
      `| ${r.title} | ${int(r.rows)} | ${fmt(r.wallS)} | ${targetText(r)} | ${ratio} | ${fmt(r.peakRssMB, 0)} | ${fmt(r.startRssMB, 0)} | ${undoMB} | ${status} |`,
    );
  }
  lines.push(
    "",
    `Peak RSS: max of process RSS sampled every ${SAMPLE_MS} ms (worker thread) during the step, after a GC ("RSS at start" is what the step found: V8 and PGlite keep freed memory); process-wide (a CSV is read from disk in pieces as the CLI reads it; an XLSX's or a set's bytes are held${report.database.client.startsWith("PGlite") ? ", and PGlite's WASM heap lives in this process" : ""}). ` +
      `process.resourceUsage().maxRSS at the end: ${fmt(report.maxRssMB, 0)} MB.`,
    "Undo data: the bytes an import's (or an undo's) undo data takes as stored (`pg_column_size`, compressed where PostgreSQL compressed it); an undo step's rows are the records it changed back, its ratio is to the wall time of the import it undoes." +
      " Targets (2-core machine, PostgreSQL), as ratios to the bare COPY of the same run: first import ≤ 12× (≤ 15× from 5M rows), through the CLI ≤ 15×, unchanged and 2 % changed ≤ 4×, XLSX ≤ 30×, byte-identical ≤ 0.5 s, the OneRoster set ≤ 1.5 × the first import; peak RSS ≤ 500 MB at 1M rows, ≤ 1 GB from 5M rows." +
      ` Load average at the end: ${os
        .loadavg()
        .map((n) => fmt(n, 1))
        .join(", ")} (1, 5, 15 min; 2 cores).`,
  );
  if (!report.ok) lines.push("", "**FAILED**: a step did not end as it should (see status).");

  if (opts.timing) {
    lines.push("", "### Where the time goes (--timing: runImport's phase-timing hook)");
    for (const r of report.steps) {
      if (!r.breakdown) continue;
      lines.push(
        "",
        `#### ${r.title}: ${fmt(r.wallS)} s`,
        "",
        "| phase | s | share | RSS after MB | V8 heap after MB |",
        "|---|---:|---:|---:|---:|",
      );
      for (const p of r.breakdown) {
        const share = p.extra ? "" : `${fmt((100 * p.ms) / 1000 / r.wallS, 0)} %`;
        const name = p.count && p.count > 1 ? `${p.name} (×${p.count})` : p.name;
        const memory = p.rssMB === undefined ? "| |" : `| ${fmt(p.rssMB, 0)} | ${fmt(p.heapMB ?? 0, 0)}`;
        lines.push(
          `| ${name.replace(/^ {2}/, "↳ ")} | ${p.ms === 0 && p.extra ? "" : fmt(p.ms / 1000, 3)} | ${share} ${memory} |`,
        );
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

process.exitCode = await main();
