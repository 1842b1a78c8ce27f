// Settings the test server starts with that the specs need too (start-server.mjs and the specs
// import them from here).
import os from "node:os";
import path from "node:path";

export const CRON_SECRET = "e2e-cron-secret-not-for-production-0123";

/** The drop root of the server on this port: organizations' folders are below it by slug. */
export const dropRootFor = (port) => path.join(os.tmpdir(), `rostersync-e2e-${port}-drop`);

/** The embedded database of the server on this port (when it runs without DATABASE_URL). */
export const pgliteDirFor = (port) => path.join(os.tmpdir(), `rostersync-e2e-${port}`, "pglite");

/** Where the server on this port writes: `server.log` (its stdout and stderr) and `tmp/` (its TMPDIR). */
export const serverDirFor = (port) => path.join(os.tmpdir(), `rostersync-e2e-${port}-server`);
export const serverLogFor = (port) => path.join(serverDirFor(port), "server.log");
export const serverTmpFor = (port) => path.join(serverDirFor(port), "tmp");
