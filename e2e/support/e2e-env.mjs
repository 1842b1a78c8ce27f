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
 * The local OpenID Connect server (e2e/support/mock-idp.ts, oauth2-mock-server) that stands in for
 * every single sign-on provider of the server on this port: its own loopback port, 10 above.
 */
export const ssoIssuerPortFor = (port) => Number(port) + 10;
export const ssoIssuerFor = (port) => `http://localhost:${ssoIssuerPortFor(port)}`;
/** Each provider's client id: the mock server tells the providers apart by it. */
export const SSO_CLIENT_IDS = {
  google: "e2e-google",
  "microsoft-entra-id": "e2e-microsoft",
  clever: "e2e-clever",
  classlink: "e2e-classlink",
  oidc: "e2e-oidc",
};
export const SSO_ENTRA_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

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
    // Every single sign-on provider, all answered by the local OpenID Connect server (over http,
    // which only ROSTERSYNC_SSO_TEST_ISSUER allows, and only for localhost).
    ROSTERSYNC_SSO_TEST_ISSUER: ssoIssuerFor(port),
    AUTH_GOOGLE_ID: SSO_CLIENT_IDS.google,
    AUTH_GOOGLE_SECRET: "e2e-google-secret",
    AUTH_MICROSOFT_ENTRA_ID_ID: SSO_CLIENT_IDS["microsoft-entra-id"],
    AUTH_MICROSOFT_ENTRA_ID_SECRET: "e2e-microsoft-secret",
    AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: SSO_ENTRA_TENANT_ID,
    AUTH_CLEVER_ID: SSO_CLIENT_IDS.clever,
    AUTH_CLEVER_SECRET: "e2e-clever-secret",
    AUTH_CLASSLINK_ID: SSO_CLIENT_IDS.classlink,
    AUTH_CLASSLINK_SECRET: "e2e-classlink-secret",
    AUTH_OIDC_ISSUER: "https://sso.district.example",
    AUTH_OIDC_ID: SSO_CLIENT_IDS.oidc,
    AUTH_OIDC_SECRET: "e2e-oidc-secret",
    AUTH_OIDC_NAME: "District SSO",
  };
}

/**
 * An organization of its own for e2e/accessibility.spec.ts, created empty when the server starts:
 * its empty states, then a preview, an applied, a held and a failed import, at every viewport.
 */
export const A11Y_ORGANIZATION = { name: "Hillside District", slug: "hillside", adminEmail: "admin@hillside.test" };
