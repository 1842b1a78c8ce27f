import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { revokeApiToken } from "@/db/queries/api-tokens";
import { listImports } from "@/db/queries/imports";
import { apiTokens } from "@/db/schema/api";
import { runWorker, type RunningWorker } from "@/lib/jobs/run-worker";
import { createApiToken } from "@/lib/sources/create-api-token";
import { IMPORTS_PER_HOUR } from "@/lib/sources/authenticate-api-token";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, grid } from "@/tests/support/roster-files";
import { cleverFiles, oneRosterFiles, sampleModel, withoutFile, zipFiles } from "@/tests/support/roster-sets";
import { GET } from "./[id]/route";
import { POST } from "./route";

// The push API, called as Next calls it: the exported handlers with a Request. A push answers
// as soon as its import is queued; a worker (here, in this process) imports it.

let worker: RunningWorker;
beforeAll(async () => {
  worker = await runWorker({ queues: ["import", "import-failed"] });
});
afterAll(() => worker.stop());

const roster = Buffer.from(combinedCsv(grid("101", 2, 2)));

async function orgWithToken() {
  const { organization } = await makeOrganization();
  const { token, record } = await createApiToken(await getDb(), organization.id, "PowerSchool script", null);
  return { organization, token, record };
}

function push(
  token: string | null,
  body: BodyInit | null,
  options: { query?: string; headers?: Record<string, string> } = {},
) {
  return POST(
    new Request(`http://localhost/api/v1/imports${options.query ?? "?kind=combined"}`, {
      method: "POST",
      body,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
    }),
  );
}

const status = (token: string | null, id: string) =>
  GET(
    new Request(`http://localhost/api/v1/imports/${id}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
    { params: Promise.resolve({ id }) },
  );

/** GET statusUrl until the import is no longer queued or processing: its summary then. */
async function settled(token: string, id: string) {
  let summary: { status?: string } = {};
  await expect
    .poll(
      async () => {
        summary = await (await status(token, id)).json();
        return summary.status === "queued" || summary.status === "processing";
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(false);
  return summary;
}

describe("POST /api/v1/imports", () => {
  it("a .zip body is a OneRoster, Clever or SDS set: by kind, or detected from its file names", async () => {
    const { token } = await orgWithToken();
    const oneRoster = await push(token, Buffer.from(zipFiles(oneRosterFiles(sampleModel()))), {
      query: "?kind=oneroster&name=classlink.zip",
      headers: { "content-type": "application/zip" },
    });
    expect(oneRoster.status).toBe(202);
    const first = await oneRoster.json();
    expect(first.status).toBe("queued");
    expect(await settled(token, first.id)).toMatchObject({ kind: "oneroster", status: "applied", issues: [] });

    // kind left at its default: the .zip is recognised as a Clever set (the same roster: unchanged)
    const clever = await push(token, Buffer.from(zipFiles(cleverFiles(sampleModel(), { lineEnd: "\r" }))), {
      query: "?name=clever.zip",
    });
    const second = await clever.json();
    expect(await settled(token, second.id)).toMatchObject({ kind: "clever", status: "unchanged" });

    const broken = await push(token, Buffer.from(zipFiles(withoutFile(cleverFiles(sampleModel()), "schools.csv"))), {
      query: "?kind=clever&name=clever.zip",
    });
    // The set's files are read by the worker: the push is queued, the import then fails.
    const third = await broken.json();
    expect(third.status).toBe("queued");
    expect(await settled(token, third.id)).toMatchObject({
      status: "failed",
      issues: [{ file: "schools.csv", code: "missing_file" }],
    });
  });

  it("imports the body with nightly semantics and answers 202 {id, status, statusUrl}; GET statusUrl is the CLI's JSON", async () => {
    const { organization, token } = await orgWithToken();
    const response = await push(token, roster, {
      query: "?kind=combined&name=ps-export.csv",
      headers: { "content-type": "text/csv" },
    });
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body).toEqual({
      id: expect.any(String),
      status: "queued",
      statusUrl: `http://localhost/api/v1/imports/${body.id}`,
    });

    expect((await status(token, body.id)).status).toBe(200);
    expect(await settled(token, body.id)).toMatchObject({
      id: body.id,
      status: "applied",
      kind: "combined",
      fileName: "ps-export.csv",
      rows: 4,
      counts: { classes: { created: 2, updated: 0, reactivated: 0, deactivated: 0 } },
      issues: [],
    });
    const [record] = await listImports(await getDb(), organization.id);
    expect(record).toMatchObject({ source: "api", actor: 'API token "PowerSchool script"' });
  });

  it('takes multipart field "file" with its file name, and records byte-identical content as unchanged', async () => {
    const { token } = await orgWithToken();
    const form = () => {
      const data = new FormData();
      data.set("file", new Blob([roster], { type: "text/csv" }), "sis.csv");
      return data;
    };
    const first = await (await push(token, form())).json();
    expect(await settled(token, first.id)).toMatchObject({ status: "applied" });
    const second = await push(token, form());
    expect(second.status).toBe(202);
    expect(await settled(token, (await second.json()).id)).toMatchObject({ status: "unchanged", fileName: "sis.csv" });
  });

  it("answers 401 without a token, with an unknown one and with a revoked one, as JSON", async () => {
    const { organization, token, record } = await orgWithToken();
    for (const given of [null, "rs_not-a-real-token", "not-even-the-format"]) {
      const response = await push(given, roster);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
    await revokeApiToken(await getDb(), organization.id, record.id);
    expect((await push(token, roster)).status).toBe(401);
    expect((await status(token, record.id)).status).toBe(401);
  });

  it("answers 404 for another organization's import, an unknown id and a malformed one", async () => {
    const mine = await orgWithToken();
    const theirs = await orgWithToken();
    const { id } = await (await push(theirs.token, roster)).json();
    for (const other of [id, crypto.randomUUID(), "not-an-id"]) {
      const response = await status(mine.token, other);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: "not_found", message: "No import with this id." } });
    }
    expect((await status(theirs.token, id)).status).toBe(200);
  });

  it("answers 413 over the size limit, from Content-Length or from the stream, without reading the rest", async () => {
    const { organization, token } = await orgWithToken();
    const declared = await push(token, roster, { headers: { "content-length": String(200 * 1024 * 1024) } });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe("file_too_large");
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await POST(
      new Request("http://localhost/api/v1/imports?kind=combined", {
        method: "POST",
        body: endless,
        duplex: "half",
        headers: { authorization: `Bearer ${token}` },
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(110 * 1024 * 1024);
    expect(await listImports(await getDb(), organization.id)).toEqual([]);
  });

  it("answers 415 for a content type that is not a file, and 422 for no file, an empty file, a bad kind or a file the import cannot read", async () => {
    const { organization, token } = await orgWithToken();
    const json = await push(token, JSON.stringify({ rows: [] }), { headers: { "content-type": "application/json" } });
    expect(json.status).toBe(415);
    expect((await json.json()).error.code).toBe("unsupported_media_type");

    expect((await (await push(token, Buffer.alloc(0))).json()).error.code).toBe("empty_file");
    const noFile = new FormData();
    noFile.set("other", "x");
    const missing = await push(token, noFile);
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.code).toBe("missing_file");
    const kind = await push(token, roster, { query: "?kind=teachers" });
    expect(kind.status).toBe(422);
    expect((await kind.json()).error.code).toBe("invalid_kind");

    const bad = await push(token, "Name,Email\nAnn,ann@x.test\n", { headers: { "content-type": "text/csv" } });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body).toMatchObject({
      error: { code: "missing_column", message: expect.stringContaining("Columns found: Name, Email") },
      status: "failed",
      id: expect.any(String),
    });
    expect(body.statusUrl).toContain(body.id);
    expect((await listImports(await getDb(), organization.id)).map((item) => item.status)).toEqual(["failed"]);
  });

  it(`answers 429 with Retry-After after ${IMPORTS_PER_HOUR} imports in an hour, and marks the token used`, async () => {
    const { token, record } = await orgWithToken();
    const db = await getDb();
    await db
      .update(apiTokens)
      .set({ rateWindowStartedAt: new Date(Date.now() - 10 * 60_000), rateWindowCount: IMPORTS_PER_HOUR })
      .where(eq(apiTokens.id, record.id));
    const response = await push(token, roster);
    expect(response.status).toBe(429);
    expect((await response.json()).error.code).toBe("rate_limited");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(49 * 60);
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, record.id));
    expect(row?.lastUsedAt).not.toBeNull();

    await db
      .update(apiTokens)
      .set({ rateWindowStartedAt: new Date(Date.now() - 61 * 60_000) })
      .where(eq(apiTokens.id, record.id));
    expect((await push(token, roster)).status).toBe(202); // a new window
  });
});
