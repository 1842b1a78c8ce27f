import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeOrganization } from "@/tests/support/factories";
import { dropFile, dropRoot, makeSource, orgFolder } from "@/tests/support/nightly";
import { combinedCsv, grid } from "@/tests/support/roster-files";

// The cron route's secret checks, called as Next calls it: the exported handlers with a Request.

const SECRET = "cron-secret-for-tests-0123456789";

async function loadRoute(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  return import("./route");
}

const call = (handler: (request: Request) => Promise<Response>, authorization?: string, method = "GET") =>
  handler(
    new Request("http://localhost/api/cron/nightly", { method, headers: authorization ? { authorization } : {} }),
  );

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("/api/cron/nightly", () => {
  it("answers 503 while CRON_SECRET is not configured", async () => {
    const { GET } = await loadRoute({ CRON_SECRET: undefined });
    const response = await call(GET, `Bearer ${SECRET}`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { code: "not_configured", message: expect.stringContaining("CRON_SECRET") },
    });
  });

  it("answers 401 without the secret, with another one, or with another scheme", async () => {
    const { GET, POST } = await loadRoute({ CRON_SECRET: SECRET });
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${SECRET}x`, `Basic ${SECRET}`, SECRET]) {
      const response = await call(GET, authorization);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    }
    expect((await call(POST, "Bearer nope", "POST")).status).toBe(401);
  });

  it("with the secret, only enqueues (GET or POST): one job per due source, answered at once as JSON", async () => {
    const { organization } = await makeOrganization();
    const { GET, POST } = await loadRoute({ CRON_SECRET: SECRET, NIGHTLY_DROP_ROOT: dropRoot });
    await makeSource(organization, { name: "Combined nightly" });
    await makeSource(organization, { name: "Staff nightly", kind: "staff", folderPath: "staff" });
    const file = dropFile(orgFolder(organization.slug), "roster.csv", combinedCsv(grid("101", 1, 2)), new Date(), 5);

    const started = Date.now();
    const response = await call(POST, `Bearer ${SECRET}`, "POST");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const text = await response.text();
    const body = JSON.parse(text) as { ok: boolean; sources: Array<Record<string, unknown>> };
    const mine = body.sources.filter((line) => line.organization === organization.slug);
    expect(mine).toEqual([
      expect.objectContaining({ source: "Combined nightly", outcome: "queued", jobId: expect.any(String) }),
      expect.objectContaining({ source: "Staff nightly", outcome: "queued" }),
    ]);
    for (const line of mine) expect(text).toContain(`\n${JSON.stringify(line)}`); // one line per source
    expect(existsSync(file)).toBe(true); // the workers pull it, not the request

    const again = (await (await call(GET, `bearer ${SECRET}`)).json()) as typeof body;
    expect(again.sources.filter((line) => line.organization === organization.slug).map((line) => line.outcome)).toEqual(
      ["already_queued", "already_queued"],
    );
  });
});
