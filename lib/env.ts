import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/** The settings of each single sign-on provider: all set (on) or none (off). */
export const SSO_SETTING_GROUPS = [
  ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
  ["AUTH_MICROSOFT_ENTRA_ID_ID", "AUTH_MICROSOFT_ENTRA_ID_SECRET", "AUTH_MICROSOFT_ENTRA_ID_TENANT_ID"],
  ["AUTH_CLEVER_ID", "AUTH_CLEVER_SECRET"],
  ["AUTH_CLASSLINK_ID", "AUTH_CLASSLINK_SECRET"],
  ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
] as const;

// Every setting the app reads, checked once at start. Keep .env.example in step.
export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    // Server log level (lib/log.ts reads it directly, before this schema may be loaded).
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
      .optional(),
    PGLITE_DIR: z.string().optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
    AUTH_SECRET: z
      .string()
      .min(16, "AUTH_SECRET must be at least 16 characters (use: openssl rand -base64 32)")
      .optional(),
    AUTH_URL: z.url().optional(),
    AUTH_TRUST_HOST: z.enum(["true", "false", "1", "0"]).optional(),
    RESEND_API_KEY: z.string().optional(),
    // "outbox" keeps mail in the outbox table instead of delivering it; production refuses to start
    // without RESEND_API_KEY unless this says so (lib/startup-check.ts).
    MAIL_TRANSPORT: z.enum(["resend", "outbox"]).optional(),
    RESEND_BASE_URL: z.url().optional(),
    MAIL_FROM: z.string().default("RosterSync <no-reply@rostersync.local>"),
    ROSTERSYNC_ENABLE_DEV_OUTBOX: z.enum(["1", "0"]).optional(),
    CRON_SECRET: z
      .string()
      .min(16, "CRON_SECRET must be at least 16 characters (use: openssl rand -hex 32)")
      .optional(),
    SOURCE_CREDENTIALS_KEY: z
      .string()
      .refine(
        (value) => Buffer.from(value, "base64").length === 32,
        "SOURCE_CREDENTIALS_KEY must be 32 bytes in base64 (use: openssl rand -base64 32)",
      )
      .optional(),
    NIGHTLY_DROP_ROOT: z.string().startsWith("/", "NIGHTLY_DROP_ROOT must be an absolute path").optional(),
    NIGHTLY_URL_ALLOW_PRIVATE_NETWORK: z.enum(["1", "0"]).optional(),
    SIGN_IN_LINKS_PER_EMAIL: z.coerce.number().int().min(1).max(100_000).default(5),
    SIGN_IN_LINKS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(100),
    // How many proxies in front of the app append to X-Forwarded-For: 0 = use the address the
    // connection came from; N = the Nth address from the right (lib/auth/client-ip.ts).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // How many import jobs one worker runs at once (lib/jobs; several workers add up).
    IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    // The largest file an import takes, in MB, and its most data rows (lib/import/types.ts reads them).
    IMPORT_MAX_FILE_MB: z.coerce.number().int().min(1).max(1024).default(100),
    IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(2_000_000),
    // "off": `next start` and `npm run demo` run no in-process worker (run `rostersync worker` apart).
    ROSTERSYNC_WORKER: z.enum(["on", "off"]).default("on"),
    // A job still beating but running longer than this is stopped and retried (pg-boss expiry); a
    // dead worker's job is found by its missing heartbeat long before (IMPORT_STALE_AFTER_SECONDS).
    IMPORT_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
    // How often the queue looks for expired jobs (pg-boss maintenance) and a worker for new ones.
    JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
    JOB_POLLING_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
    // The mail queue: a mail the service refuses for now (429, 5xx) is tried again this many
    // times, after this many seconds, doubling each time.
    MAIL_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(6),
    MAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(3_600).default(10),
    // A built-in schedule for the nightly pass (cron syntax, e.g. "*/30 * * * *"), in NIGHTLY_CRON_TZ.
    NIGHTLY_CRON: z.string().optional(),
    NIGHTLY_CRON_TZ: z.string().default("UTC"),
    // A running import touches its record, and a worker its running import or nightly job, this
    // often; one that has not for IMPORT_STALE_AFTER_SECONDS (at least 3 beats) was interrupted
    // (lib/import/interrupted-imports.ts) or its worker died and the job is retried (lib/jobs/dead-jobs.ts).
    IMPORT_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
    IMPORT_STALE_AFTER_SECONDS: z.coerce.number().int().min(3).max(3_600).default(60),
    // Single sign-on (lib/auth/sso-providers.ts): each provider is on when its settings are set.
    AUTH_GOOGLE_ID: z.string().optional(),
    AUTH_GOOGLE_SECRET: z.string().optional(),
    AUTH_MICROSOFT_ENTRA_ID_ID: z.string().optional(),
    AUTH_MICROSOFT_ENTRA_ID_SECRET: z.string().optional(),
    AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, "AUTH_MICROSOFT_ENTRA_ID_TENANT_ID must be a tenant id (a GUID) or its domain")
      .refine(
        (value) => !["common", "organizations", "consumers"].includes(value.toLowerCase()),
        "AUTH_MICROSOFT_ENTRA_ID_TENANT_ID must name your district's own tenant, not common, organizations or consumers",
      )
      .optional(),
    AUTH_CLEVER_ID: z.string().optional(),
    AUTH_CLEVER_SECRET: z.string().optional(),
    AUTH_CLASSLINK_ID: z.string().optional(),
    AUTH_CLASSLINK_SECRET: z.string().optional(),
    AUTH_OIDC_ISSUER: z.url().startsWith("https://", "AUTH_OIDC_ISSUER must be an https:// URL").optional(),
    AUTH_OIDC_ID: z.string().optional(),
    AUTH_OIDC_SECRET: z.string().optional(),
    AUTH_OIDC_NAME: z.string().max(60).optional(),
    // Test runs only: every provider above talks to this local OpenID Connect server instead.
    ROSTERSYNC_SSO_TEST_ISSUER: z
      .url()
      .regex(
        /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/?$/,
        "ROSTERSYNC_SSO_TEST_ISSUER is for test runs only and must be http://localhost:<port>",
      )
      .optional(),
  },
  // Several missed heartbeats, not one late one, make an import interrupted.
  createFinalSchema: (shape) =>
    z.object(shape).superRefine((vars, context) => {
      // A provider is on with all of its settings, off with none; half a provider is a mistake.
      for (const group of SSO_SETTING_GROUPS) {
        const set = group.filter((key) => vars[key] !== undefined);
        if (set.length > 0 && set.length < group.length) {
          for (const key of group.filter((k) => vars[k] === undefined)) {
            context.addIssue({
              code: "custom",
              path: [key],
              message: `${key} is missing: ${set.join(" and ")} ${set.length === 1 ? "is" : "are"} set, and that sign-in provider needs ${group.join(", ")}`,
            });
          }
        }
      }
      if (vars.IMPORT_STALE_AFTER_SECONDS < 3 * vars.IMPORT_HEARTBEAT_SECONDS) {
        context.addIssue({
          code: "custom",
          path: ["IMPORT_STALE_AFTER_SECONDS"],
          message: `IMPORT_STALE_AFTER_SECONDS (${vars.IMPORT_STALE_AFTER_SECONDS}) must be at least 3 × IMPORT_HEARTBEAT_SECONDS (${vars.IMPORT_HEARTBEAT_SECONDS})`,
        });
      }
    }),
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
});

/**
 * Where mail goes: "resend" delivers it (RESEND_API_KEY set, MAIL_TRANSPORT not "outbox");
 * "outbox" keeps it in the outbox table, delivering nothing.
 */
export function mailTransport(): "resend" | "outbox" {
  return env.RESEND_API_KEY && env.MAIL_TRANSPORT !== "outbox" ? "resend" : "outbox";
}

/**
 * The dev outbox page (/dev/outbox) shows sign-in links, so it exists only under `next dev`,
 * or when a test run sets ROSTERSYNC_ENABLE_DEV_OUTBOX=1. It never exists when mail goes out
 * through Resend.
 */
export function devOutboxEnabled(): boolean {
  if (mailTransport() === "resend") return false;
  return env.NODE_ENV === "development" || env.ROSTERSYNC_ENABLE_DEV_OUTBOX === "1";
}
