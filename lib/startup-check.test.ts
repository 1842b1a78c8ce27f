import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function problemsWith(vars: Record<string, string>) {
  vi.resetModules();
  for (const key of ["NODE_ENV", "AUTH_SECRET", "AUTH_URL", "AUTH_TRUST_HOST", "VERCEL"]) delete process.env[key];
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

  it("in production asks for AUTH_URL or AUTH_TRUST_HOST", async () => {
    expect(await problemsWith({ NODE_ENV: "production", AUTH_SECRET: secret })).toEqual([
      expect.stringContaining("Set AUTH_URL to the app's public URL"),
    ]);
    expect(
      await problemsWith({ NODE_ENV: "production", AUTH_SECRET: secret, AUTH_URL: "https://r.example.org" }),
    ).toEqual([]);
    expect(await problemsWith({ NODE_ENV: "production", AUTH_SECRET: secret, AUTH_TRUST_HOST: "true" })).toEqual([]);
  });

  it("needs neither under next dev", async () => {
    expect(await problemsWith({ NODE_ENV: "development", AUTH_SECRET: secret })).toEqual([]);
  });
});
