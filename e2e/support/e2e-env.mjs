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

/**
 * The environment of a test server on this port: production build, dev outbox on, no Resend,
 * sign-in links not rate-limited (every spec signs in again; the limits have their own test).
 */
export function serverEnvFor(port, base = process.env) {
  return {
    ...base,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: base.AUTH_SECRET ?? "e2e-secret-not-for-production-0123456789",
    AUTH_TRUST_HOST: "true",
    // Next reports every loopback address as "localhost", so the app is reached by that name.
    AUTH_URL: `http://localhost:${port}`,
    ROSTERSYNC_ENABLE_DEV_OUTBOX: "1",
    SIGN_IN_LINKS_PER_EMAIL: "1000",
    RESEND_API_KEY: "",
    // Production refuses to start without a mail transport unless told to keep mail in the outbox.
    MAIL_TRANSPORT: "outbox",
    // The nightly sync: the cron route's secret and a drop root (folders below it by slug).
    CRON_SECRET,
    NIGHTLY_DROP_ROOT: dropRootFor(port),
    SOURCE_CREDENTIALS_KEY: base.SOURCE_CREDENTIALS_KEY ?? Buffer.alloc(32, 7).toString("base64"),
  };
}
