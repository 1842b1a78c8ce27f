import { mkdirSync } from "node:fs";
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

type Handle = { db: Database; close: () => Promise<void>; migrate: () => Promise<void>; driver: "postgres" | "pglite" };

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
      connection: { application_name: "rostersync" },
    });
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
    return {
      db,
      driver: "postgres",
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
  const client = await PGlite.create(dir.startsWith("memory://") ? undefined : dir);
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    driver: "pglite",
    close: () => client.close(),
    migrate: () => migrate(db as never, { migrationsFolder: migrationsFolder() }),
  };
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

/** Applies committed migrations (db/migrations). Safe to run on every start. */
export async function migrateDatabase(): Promise<void> {
  await (await handle()).migrate();
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
