import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { serverEnvFor } from "./e2e-env.mjs";

// A second production server (`next start` of the suite's build) that a spec may SIGKILL and
// start again, on its own port and its own database: a fresh PostgreSQL database next to the
// suite's DATABASE_URL one, or a fresh PGlite data dir. The suite's server is never disturbed.

/** A statement that writes rows (apply writes with `with written as (insert …)`). */
const WRITING_QUERY = String.raw`^\s*(with written as \(\s*)?(insert|update)`;
/**
 * PGlite: how far (in 16 MB WAL segments) its log must move on to count as writing. One more than
 * a checkpoint's preallocated segment and the odd small write crossing a boundary; an apply of the
 * 200,000-row spec writes about 17.
 */
const PGLITE_WRITING_SEGMENTS = 3;
const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

export class KillableServer {
  readonly url: string;
  readonly env: NodeJS.ProcessEnv;
  /** Every line the server printed, across restarts (shown when a start fails). */
  readonly log: string[] = [];
  private child: ChildProcess | null = null;
  private readonly database: string | null = null;

  constructor(
    readonly port: number,
    settings: Record<string, string>,
  ) {
    this.url = `http://localhost:${port}`;
    this.env = { ...serverEnvFor(port), ...settings };
    const suiteDatabase = process.env.DATABASE_URL;
    if (suiteDatabase) {
      const url = new URL(suiteDatabase);
      this.database = `${url.pathname.slice(1)}_killed_${port}`;
      url.pathname = `/${this.database}`;
      this.env.DATABASE_URL = url.toString();
    } else {
      this.env.PGLITE_DIR = path.join(os.tmpdir(), `rostersync-e2e-${port}`, "pglite");
    }
  }

  /** A fresh database with the demo organization (the same seed as the suite's server). */
  async prepare() {
    await this.dropDatabase();
    if (this.database) await this.admin((sql) => sql.unsafe(`create database "${this.database}"`));
    // A server may run without a drop root (the settings spec's server without drop folders).
    if (this.env.NIGHTLY_DROP_ROOT) {
      rmSync(this.env.NIGHTLY_DROP_ROOT, { recursive: true, force: true });
      mkdirSync(this.env.NIGHTLY_DROP_ROOT, { recursive: true });
    }
    const seed = spawnSync("node", ["bin/rostersync.js", "db:seed"], { env: this.env, encoding: "utf8" });
    if (seed.status !== 0) throw new Error(`db:seed failed: ${seed.stderr || seed.stdout}`);
  }

  /** Starts `next start` as the leader of its own process group; resolves when /api/health answers. */
  async start(timeoutMs = 90_000) {
    const child = spawn(process.execPath, [nextBin, "start", "-p", String(this.port), "-H", "localhost"], {
      env: this.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr])
      stream?.on("data", (chunk: Buffer) => this.log.push(...chunk.toString().split("\n").filter(Boolean)));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      const healthy = await fetch(`${this.url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(
      `the server on port ${this.port} did not start (exit ${child.exitCode ?? child.signalCode}):\n${this.log.slice(-40).join("\n")}`,
    );
  }

  /** Kills the whole process group with `signal` and waits until no process of it is left. */
  async kill(signal: NodeJS.Signals = "SIGKILL") {
    const child = this.child;
    if (!child?.pid) return;
    const exited = new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
    );
    try {
      process.kill(-child.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
    await exited;
    for (let tries = 0; this.groupAlive(child.pid) && tries < 100; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    if (this.groupAlive(child.pid)) throw new Error(`process group ${child.pid} outlived ${signal}`);
    this.child = null;
  }

  /**
   * Resolves once the server is writing to its database: on PostgreSQL, one of its statements
   * inserts or updates right now (pg_stat_activity); on PGlite, its write-ahead log has moved on
   * by `PGLITE_WRITING_SEGMENTS` segments (16 MB each) since the call. Small writes do not count
   * there: the job queue writes now and then (its maintenance, a job taken), and the import's
   * own status changes are small; only a big write (an apply's roster rows) moves it that far.
   */
  async waitUntilWriting(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    const segmentBefore = this.database ? 0 : this.walSegment();
    while (Date.now() < deadline) {
      if (this.database) {
        let writing = false;
        await this.admin(async (sql) => {
          const rows =
            await sql`select 1 from pg_stat_activity where datname = ${this.database} and application_name = 'rostersync'
            and state = 'active' and query ~* ${WRITING_QUERY}`;
          writing = rows.length > 0;
        });
        if (writing) return;
      } else if (this.walSegment() >= segmentBefore + PGLITE_WRITING_SEGMENTS) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the server did not start writing");
  }

  /**
   * The number of the PGlite data dir's WAL segment being written: the newest-modified one (a
   * recycled segment, renamed ahead, keeps its old time). Names are timeline, log and segment.
   */
  private walSegment(): number {
    const wal = path.join(this.env.PGLITE_DIR!, "pg_wal");
    let newest = { segment: 0, mtimeMs: -1 };
    for (const name of readdirSync(wal)) {
      if (!/^[0-9A-F]{24}$/.test(name)) continue;
      let mtimeMs: number;
      try {
        ({ mtimeMs } = statSync(path.join(wal, name)));
      } catch {
        continue; // recycled or removed meanwhile
      }
      const segment = parseInt(name.slice(8, 16), 16) * 256 + parseInt(name.slice(16), 16);
      if (mtimeMs > newest.mtimeMs || (mtimeMs === newest.mtimeMs && segment > newest.segment))
        newest = { segment, mtimeMs };
    }
    return newest.segment;
  }

  /** Whether any process of the group is still there (signal 0 only asks). */
  groupAlive(pid = this.child?.pid): boolean {
    if (!pid) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops the server and removes its database. */
  async dispose() {
    await this.kill("SIGTERM").catch(() => this.kill("SIGKILL"));
    await this.dropDatabase();
    if (this.env.NIGHTLY_DROP_ROOT) rmSync(this.env.NIGHTLY_DROP_ROOT, { recursive: true, force: true });
  }

  private async dropDatabase() {
    if (this.database) await this.admin((sql) => sql.unsafe(`drop database if exists "${this.database}" with (force)`));
    else rmSync(path.dirname(this.env.PGLITE_DIR!), { recursive: true, force: true });
  }

  private async admin(run: (sql: postgres.Sql) => Promise<unknown>) {
    const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await run(sql);
    } finally {
      await sql.end();
    }
  }
}
