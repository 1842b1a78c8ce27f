import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function problemsWith(vars: Record<string, string>) {
  vi.resetModules();
  for (const key of [
    "NODE_ENV",
    "AUTH_SECRET",
    "AUTH_URL",
    "AUTH_TRUST_HOST",
    "VERCEL",
    "RESEND_API_KEY",
    "MAIL_TRANSPORT",
  ])
    delete process.env[key];
  Object.assign(process.env, vars);
  const { startupProblems } = await import("./startup-check");
  return startupProblems(process.env);
}

afterEach(() => {
  process.env = { ...saved };
});

const secret = "a-long-enough-secret-for-tests-123";

describe("startupProblems", () => {
  it("asks for AUTH_SECRET and says how to make one", async () => {
    expect(await problemsWith({ NODE_ENV: "development" })).toEqual([
      expect.stringContaining("AUTH_SECRET is not set. Run `npx rostersync env:init`"),
    ]);
  });

  const mail = { RESEND_API_KEY: "re_test" };

  it("in production requires AUTH_URL, even behind a trusted proxy: mailed links are built from it", async () => {
    expect(await problemsWith({ NODE_ENV: "production", AUTH_SECRET: secret, ...mail })).toEqual([
      expect.stringContaining("AUTH_URL is not set. Set it to the app's public URL"),
    ]);
    expect(
      await problemsWith({ NODE_ENV: "production", AUTH_SECRET: secret, AUTH_TRUST_HOST: "true", ...mail }),
    ).toEqual([expect.stringContaining("AUTH_URL is not set")]);
    expect(
      await problemsWith({ NODE_ENV: "production", AUTH_SECRET: secret, AUTH_URL: "https://r.example.org", ...mail }),
    ).toEqual([]);
  });

  it("in production refuses to run without a mail transport unless MAIL_TRANSPORT=outbox says so", async () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: secret, AUTH_URL: "https://r.example.org" };
    expect(await problemsWith(production)).toEqual([expect.stringContaining("No mail transport: set RESEND_API_KEY")]);
    expect(await problemsWith({ ...production, MAIL_TRANSPORT: "outbox" })).toEqual([]);
    expect(await problemsWith({ ...production, MAIL_TRANSPORT: "resend" })).toEqual([
      expect.stringContaining("MAIL_TRANSPORT=resend needs RESEND_API_KEY"),
      expect.stringContaining("No mail transport"),
    ]);
  });

  it("needs neither under next dev", async () => {
    expect(await problemsWith({ NODE_ENV: "development", AUTH_SECRET: secret })).toEqual([]);
  });
});
