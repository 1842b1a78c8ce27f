// Starts the app for Playwright: a production build, a fresh embedded database (or the
// DATABASE_URL one), the demo organization, and the dev outbox page switched on by its flag.
// The running server's stdout and stderr go to Playwright as before and also to a log file, and
// it gets a temp directory of its own, so e2e/privacy-canary.spec.ts can search both.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { A11Y_ORGANIZATION, pgliteDirFor, serverDirFor, serverEnvFor, serverLogFor, serverTmpFor } from "./e2e-env.mjs";

const port = process.argv[2] ?? "3210";
const env = serverEnvFor(port);
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
// The demo organization, and Riverside District with its demo roster (lib/demo/demo-roster.csv,
// imported like any file) and its teacher teacher@riverside.test, linked by the function
// accepting an invitation uses.
run("node", ["bin/rostersync.js", "db:seed", "--roster"]);
// The accessibility spec's organization, empty (already there when a PostgreSQL database is reused).
const { name, slug, adminEmail } = A11Y_ORGANIZATION;
const orgCreate = ["org:create", "--name", name, "--slug", slug, "--admin", adminEmail, "--json"];
const created = spawnSync("node", ["bin/rostersync.js", ...orgCreate], { env, encoding: "utf8" });
if (created.status !== 0 && !created.stdout.includes('"slug_taken"')) {
  process.stderr.write(created.stdout + created.stderr);
  process.exit(created.status ?? 1);
}
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
