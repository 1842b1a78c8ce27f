import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const key of [
    "NODE_ENV",
    "RESEND_API_KEY",
    "ROSTERSYNC_ENABLE_DEV_OUTBOX",
    "DATABASE_URL",
    "IMPORT_HEARTBEAT_SECONDS",
    "IMPORT_STALE_AFTER_SECONDS",
    "AUTH_GOOGLE_ID",
    "AUTH_GOOGLE_SECRET",
    "AUTH_MICROSOFT_ENTRA_ID_ID",
    "AUTH_MICROSOFT_ENTRA_ID_SECRET",
    "AUTH_MICROSOFT_ENTRA_ID_TENANT_ID",
    "AUTH_OIDC_ISSUER",
    "ROSTERSYNC_SSO_TEST_ISSUER",
  ])
    delete process.env[key];
  Object.assign(process.env, vars);
  return import("./env");
}

afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

describe("devOutboxEnabled", () => {
  it("is on under next dev", async () => {
    const { devOutboxEnabled } = await loadEnv({ NODE_ENV: "development" });
    expect(devOutboxEnabled()).toBe(true);
  });

  it("is off in a production build unless a test run sets the flag", async () => {
    expect((await loadEnv({ NODE_ENV: "production" })).devOutboxEnabled()).toBe(false);
    expect((await loadEnv({ NODE_ENV: "production", ROSTERSYNC_ENABLE_DEV_OUTBOX: "1" })).devOutboxEnabled()).toBe(
      true,
    );
  });

  it("is off whenever mail goes out through Resend", async () => {
    const { devOutboxEnabled } = await loadEnv({
      NODE_ENV: "development",
      RESEND_API_KEY: "re_123",
      ROSTERSYNC_ENABLE_DEV_OUTBOX: "1",
    });
    expect(devOutboxEnabled()).toBe(false);
  });
});

describe("env", () => {
  it("refuses a DATABASE_URL that is not PostgreSQL, saying which variable is wrong", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(loadEnv({ DATABASE_URL: "mysql://localhost/db" })).rejects.toThrow(/Invalid environment variables/);
    expect(JSON.stringify(errors.mock.calls)).toContain("DATABASE_URL must be a postgres:// or postgresql:// URL");
    errors.mockRestore();
  });

  it("refuses a SOURCE_CREDENTIALS_KEY that is not 32 bytes and a relative NIGHTLY_DROP_ROOT", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(loadEnv({ SOURCE_CREDENTIALS_KEY: Buffer.alloc(16).toString("base64") })).rejects.toThrow(
      /Invalid environment variables/,
    );
    await expect(loadEnv({ NIGHTLY_DROP_ROOT: "drop" })).rejects.toThrow(/Invalid environment variables/);
    expect(JSON.stringify(errors.mock.calls)).toContain("SOURCE_CREDENTIALS_KEY must be 32 bytes in base64");
    const { env } = await loadEnv({
      SOURCE_CREDENTIALS_KEY: Buffer.alloc(32, 1).toString("base64"),
      NIGHTLY_DROP_ROOT: "/srv/drop",
      CRON_SECRET: "0123456789abcdef",
    });
    expect(env.NIGHTLY_DROP_ROOT).toBe("/srv/drop");
    errors.mockRestore();
  });

  it("takes the import heartbeat settings, and refuses a stale window shorter than three heartbeats", async () => {
    const defaults = (await loadEnv({})).env;
    expect([defaults.IMPORT_HEARTBEAT_SECONDS, defaults.IMPORT_STALE_AFTER_SECONDS]).toEqual([10, 60]);
    const { env } = await loadEnv({ IMPORT_HEARTBEAT_SECONDS: "1", IMPORT_STALE_AFTER_SECONDS: "5" });
    expect([env.IMPORT_HEARTBEAT_SECONDS, env.IMPORT_STALE_AFTER_SECONDS]).toEqual([1, 5]);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(loadEnv({ IMPORT_HEARTBEAT_SECONDS: "10", IMPORT_STALE_AFTER_SECONDS: "20" })).rejects.toThrow(
      /Invalid environment variables/,
    );
    await expect(loadEnv({ IMPORT_HEARTBEAT_SECONDS: "0" })).rejects.toThrow(/Invalid environment variables/);
    expect(JSON.stringify(errors.mock.calls)).toContain(
      "IMPORT_STALE_AFTER_SECONDS (20) must be at least 3 × IMPORT_HEARTBEAT_SECONDS (10)",
    );
    errors.mockRestore();
  });
});

describe("single sign-on settings", () => {
  it("refuses a provider with only some of its settings, naming what is missing", async () => {
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args) => void errors.push(args));
    await expect(loadEnv({ AUTH_GOOGLE_ID: "g-id" })).rejects.toThrow();
    await expect(
      loadEnv({ AUTH_MICROSOFT_ENTRA_ID_ID: "m-id", AUTH_MICROSOFT_ENTRA_ID_SECRET: "m-secret" }),
    ).rejects.toThrow();
    spy.mockRestore();
    expect(JSON.stringify(errors)).toContain("AUTH_MICROSOFT_ENTRA_ID_TENANT_ID is missing");
  });

  it("refuses the shared Entra tenants, an http issuer, and a test issuer that is not local", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const entra = { AUTH_MICROSOFT_ENTRA_ID_ID: "m", AUTH_MICROSOFT_ENTRA_ID_SECRET: "s" };
    await expect(loadEnv({ ...entra, AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: "common" })).rejects.toThrow();
    await expect(loadEnv({ AUTH_OIDC_ISSUER: "http://sso.example.org" })).rejects.toThrow();
    await expect(loadEnv({ ROSTERSYNC_SSO_TEST_ISSUER: "http://idp.example.org:3236" })).rejects.toThrow();
    quiet.mockRestore();
    const ok = await loadEnv({ ...entra, AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: "riverside.onmicrosoft.com" });
    expect(ok.env.AUTH_MICROSOFT_ENTRA_ID_TENANT_ID).toBe("riverside.onmicrosoft.com");
    expect(
      (await loadEnv({ ROSTERSYNC_SSO_TEST_ISSUER: "http://localhost:3236" })).env.ROSTERSYNC_SSO_TEST_ISSUER,
    ).toBe("http://localhost:3236");
  });
});
