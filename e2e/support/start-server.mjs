// Starts the app for Playwright: a production build, a fresh embedded database (or the
// DATABASE_URL one), the demo organization, and the dev outbox page switched on by its flag.
// The running server's stdout and stderr go to Playwright as before and also to a log file, and
// it gets a temp directory of its own, so e2e/privacy-canary.spec.ts can search both.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { CRON_SECRET, dropRootFor, pgliteDirFor, serverDirFor, serverLogFor, serverTmpFor } from "./e2e-env.mjs";

const port = process.argv[2] ?? "3210";
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-not-for-production-0123456789",
  AUTH_TRUST_HOST: "true",
  // Next reports every loopback address as "localhost", so the app is reached by that name.
  AUTH_URL: `http://localhost:${port}`,
  ROSTERSYNC_ENABLE_DEV_OUTBOX: "1",
  // Every spec signs the demo admin in again; the default (5 links per address per 15 minutes)
  // is tested in lib/auth/sign-in-rate-limits.int.test.ts.
  SIGN_IN_LINKS_PER_EMAIL: "1000",
  RESEND_API_KEY: "",
  // The nightly sync: the cron route's secret and a fresh drop root (folders below it by slug).
  CRON_SECRET,
  NIGHTLY_DROP_ROOT: dropRootFor(port),
  SOURCE_CREDENTIALS_KEY: process.env.SOURCE_CREDENTIALS_KEY ?? Buffer.alloc(32, 7).toString("base64"),
};
rmSync(env.NIGHTLY_DROP_ROOT, { recursive: true, force: true });
mkdirSync(env.NIGHTLY_DROP_ROOT, { recursive: true });
if (!env.DATABASE_URL) {
  env.PGLITE_DIR = pgliteDirFor(port);
  rmSync(path.dirname(env.PGLITE_DIR), { recursive: true, force: true });
}

function run(command, args) {
  const result = spawnSync(command, args, { env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.env.E2E_SKIP_BUILD !== "1") run("npx", ["next", "build"]);
// The demo organization, and Riverside District with its demo roster (db/demo-roster.csv,
// imported like any file) and its teacher teacher@riverside.test, linked by the function
// accepting an invitation uses.
run("node", ["bin/rostersync.js", "db:seed", "--roster"]);
rmSync(serverDirFor(port), { recursive: true, force: true });
mkdirSync(serverTmpFor(port), { recursive: true });
const log = createWriteStream(serverLogFor(port));
const server = spawn("npx", ["next", "start", "-p", port, "-H", "localhost"], {
  env: { ...env, TMPDIR: serverTmpFor(port) },
  stdio: ["inherit", "pipe", "pipe"],
});
server.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
server.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  log.write(chunk);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
