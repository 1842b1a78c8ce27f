import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

// The one module that knows which driver runs: postgres.js when DATABASE_URL is set, otherwise
// embedded PGlite in PGLITE_DIR (default .data/pglite; "memory://" keeps it in memory).
// The connection opens on first use, never at import, so `next build` workers never open it.

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database or a transaction: what query functions accept. */
export type Executor = Database | Transaction;

/** Raw SQL for the job queue (pg-boss's `db` adapter): text with $1… values, answering `{ rows }`. */
export type SqlExecutor = { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> };

type Handle = {
  db: Database;
  close: () => Promise<void>;
  migrate: () => Promise<void>;
  driver: "postgres" | "pglite";
  /** PGlite only: the embedded database for the job queue, in this process (PostgreSQL: its own pool). */
  jobSql: SqlExecutor | null;
  /** PGlite only: the whole data dir as a tarball (tests/support/pglite-template.ts). */
  dump?: () => Promise<Blob>;
};

const globalForDb = globalThis as unknown as { __rostersyncDb?: Promise<Handle> };

export const DEFAULT_PGLITE_DIR = ".data/pglite";

/** The advisory lock's name for migrating (PostgreSQL): one migrator at a time per database. */
const MIGRATION_LOCK = "rostersync:migrate";

function projectRoot(): string {
  return process.env.ROSTERSYNC_ROOT ?? process.cwd();
}

const migrationsFolder = () => path.join(/*turbopackIgnore: true*/ projectRoot(), "db", "migrations");

async function open(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {}, // keep "already exists, skipping" notices off stdout (CLI --json)
      // jit off: PostgreSQL compiles a statement whose estimated cost passes jit_above_cost,
      // and a list page's per-row subqueries are estimated far past it: the Staff list spent
      // 1.45 s compiling to return 50 rows in 20 ms (docs/performance.md). Nothing we run pays
      // that back; see docs/decisions.md "PostgreSQL sessions run without JIT".
      connection: { application_name: "rostersync", jit: "off" },
    });
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
    return {
      db,
      driver: "postgres",
      jobSql: null,
      close: () => client.end({ timeout: 5 }),
      migrate: async () => {
        // Instances starting together (the server, every CLI command) would race: Drizzle's
        // migrator takes no lock. One connection holds a session advisory lock while it
        // migrates; the others wait for it, then find nothing left to apply.
        const session = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "rostersync" } });
        try {
          await session`select pg_advisory_lock(hashtext(${MIGRATION_LOCK}))`;
          const locked = drizzle({ client: session, schema, casing: "snake_case" });
          await migrate(locked, { migrationsFolder: migrationsFolder() });
          await migrateJobQueue({
            executeSql: async (text) => ({ rows: [...(await session.unsafe(text))] }),
          });
        } finally {
          await session.end({ timeout: 5 }); // ending the session releases its lock
        }
      },
    };
  }
  const dir = process.env.PGLITE_DIR || path.join(/*turbopackIgnore: true*/ projectRoot(), DEFAULT_PGLITE_DIR);
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (!dir.startsWith("memory://"))
    mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ dir)), { recursive: true });
  // PGLITE_TEMPLATE (integration tests): an in-memory database starts as a copy of an already
  // migrated one (a PGlite `dumpDataDir` tarball, tests/support/pglite-template.ts) instead of
  // being created and migrated again for every test file.
  const template = dir.startsWith("memory://") ? process.env.PGLITE_TEMPLATE : undefined;
  const client = !dir.startsWith("memory://")
    ? await PGlite.create(dir)
    : template
      ? await PGlite.create({ loadDataDir: new Blob([readFileSync(/*turbopackIgnore: true*/ template)]) })
      : await PGlite.create();
  turnBeforeEachStatement(client);
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
  const jobSql: SqlExecutor = {
    // `exec` runs several statements (pg-boss's install) but takes no values; `query` one with values.
    executeSql: async (text, values) => {
      if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
  return {
    db,
    driver: "pglite",
    jobSql,
    close: () => client.close(),
    dump: () => client.dumpDataDir("none"),
    migrate: async () => {
      await migrate(db as never, { migrationsFolder: migrationsFolder() });
      await migrateJobQueue(jobSql);
    },
  };
}

/**
 * PGlite runs every statement in this thread, and its promises settle without waiting for any
 * I/O: a chain of statements (a transaction, or a request's queries one after another) would hold
 * the event loop from the first to the last, and every other request wait that long. A turn of
 * the event loop before each statement (its transaction's included) lets them in between.
 * `_runExclusiveQuery` is where each of PGlite's statements starts (its `query`, `exec` and a
 * transaction's own); db/client.int.test.ts fails if a PGlite upgrade moves it.
 */
function turnBeforeEachStatement(client: { _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> }) {
  const run = client._runExclusiveQuery.bind(client);
  client._runExclusiveQuery = async <T>(fn: () => Promise<T>) => {
    await new Promise((resolve) => setImmediate(resolve));
    return run(fn);
  };
}

/** The job queue's schema (pg-boss), on the app's database next to ours. */
export const JOB_SCHEMA = "pgboss";
/** pg-boss's schema version for the pinned pg-boss (its version.json; db/job-queue.test.ts checks it). */
export const JOB_SCHEMA_VERSION = 24;

/**
 * Installs or migrates pg-boss's own tables, as pg-boss would on start, but here: with our
 * migrations and under the same lock, so workers start with `migrate: false`.
 */
async function migrateJobQueue(sql: SqlExecutor): Promise<void> {
  // pg-boss (and its `pg` driver) is loaded only when its tables need installing or migrating:
  // compiling and running it took ~60 ms of every CLI start-up.
  const pgBoss = async () => (await import("pg-boss")).default;
  const [installed] = (await sql.executeSql(`select to_regclass('${JOB_SCHEMA}.version')::text as name`)).rows as {
    name: string | null;
  }[];
  if (!installed?.name) {
    await sql.executeSql((await pgBoss()).getConstructionPlans(JOB_SCHEMA));
    return;
  }
  const [row] = (await sql.executeSql(`select version from ${JOB_SCHEMA}.version`)).rows as { version: string }[];
  const version = Number(row?.version ?? JOB_SCHEMA_VERSION);
  if (version < JOB_SCHEMA_VERSION)
    await sql.executeSql((await pgBoss()).getMigrationPlans(JOB_SCHEMA, String(version)));
}

function handle(): Promise<Handle> {
  globalForDb.__rostersyncDb ??= open().catch((error: unknown) => {
    globalForDb.__rostersyncDb = undefined;
    throw error;
  });
  return globalForDb.__rostersyncDb;
}

/** The process's database. Opens the connection (or the embedded data dir) on first call. */
export async function getDb(): Promise<Database> {
  return (await handle()).db;
}

export async function getDriver(): Promise<Handle["driver"]> {
  return (await handle()).driver;
}

/** How the job queue reaches the database: its own pool from DATABASE_URL, or PGlite in this process. */
export async function jobQueueConnection(): Promise<{ connectionString: string } | { db: SqlExecutor }> {
  const { jobSql } = await handle();
  if (jobSql) return { db: jobSql };
  return { connectionString: process.env.DATABASE_URL as string };
}

/** Applies committed migrations (db/migrations). Safe to run on every start. */
export async function migrateDatabase(): Promise<void> {
  await (await handle()).migrate();
}

/** The embedded database's data dir as a tarball, for a test template; PGlite only. */
export async function dumpEmbeddedDatabase(): Promise<Blob> {
  const { dump } = await handle();
  if (!dump) throw new Error("Only an embedded PGlite database can be dumped.");
  return dump();
}

/** Closes the connection or releases the PGlite data dir (CLI and tests call this on exit). */
export async function closeDb(): Promise<void> {
  const current = globalForDb.__rostersyncDb;
  globalForDb.__rostersyncDb = undefined;
  if (current) await (await current).close();
}

/** `db.execute` answers `{ rows }` on PGlite and an array on postgres.js; this hides that. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

type CopyClients = {
  /** postgres.js (a transaction's reserved connection, or the pool). */
  unsafe?: (query: string) => { writable: () => Promise<NodeJS.WritableStream> };
  /** PGlite (the database, or its transaction). */
  query?: (query: string, params: unknown[], options: { blob: Blob }) => Promise<unknown>;
};

/**
 * `COPY table (columns) FROM STDIN` (text format) on the executor's connection, inside its
 * transaction: postgres.js streams the chunks; PGlite reads them as one Blob (`/dev/blob`).
 * `chunks` are COPY text lines (copyLine), each ending in a newline.
 */
export async function copyIn(db: Executor, table: string, columns: string[], chunks: Iterable<string>): Promise<void> {
  const client = (db as unknown as { session?: { client?: CopyClients } }).session?.client;
  const target = `${table} (${columns.join(", ")})`;
  if (client?.unsafe) {
    const writable = await client.unsafe(`copy ${target} from stdin`).writable();
    await pipeline(Readable.from(chunks), writable);
    return;
  }
  if (client?.query) {
    await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([...chunks]) });
    return;
  }
  throw new Error("copyIn: this database driver has no COPY");
}

/** One row as a line of COPY's text format: tab-separated, `\N` for null, backslash escapes. */
export function copyLine(values: ReadonlyArray<string | number | null>): string {
  let line = "";
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (i > 0) line += "\t";
    if (value === null || value === undefined) line += "\\N";
    else if (typeof value === "number") line += String(value);
    else line += /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, escapeCopy) : value;
  }
  return `${line}\n`;
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const escapeCopy = (char: string) => COPY_ESCAPES[char] ?? char;
