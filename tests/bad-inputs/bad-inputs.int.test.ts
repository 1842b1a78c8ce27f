import * as XLSX from "@e965/xlsx";
import { eq } from "drizzle-orm";
import officeCrypto from "officecrypto-tool";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { imports } from "@/db/schema/imports";
import { POST as uploadRoute } from "@/app/(admin)/admin/imports/upload/route";
import { POST } from "@/app/api/v1/imports/route";
import { safeCsvLines } from "@/lib/csv/safe-csv";
import type { RunningWorker } from "@/lib/jobs/run-worker";
import { createApiToken } from "@/lib/sources/create-api-token";
import { makeOrganization } from "@/tests/support/factories";
import { settledImport, startImportWorker } from "@/tests/support/import-queue";
import { COMBINED_HEADER, combinedCsv, importBytes, rosterOf, writeStamp } from "@/tests/support/roster-files";
import { BASELINE, BASELINE_ROWS, badInputs, xlsOf, xlsxOf, type BadInput } from "./corpus";
import { CORPUS_PASSWORD, encryptedXls, encryptedXlsx } from "./encrypted-workbooks";

// The bad-input corpus (tests/bad-inputs/corpus.ts) through the push API's real route handler
// (a real token, a real Request) and through the browser's upload route handler
// (/admin/imports/upload, as the signed-in admin: its NDJSON answer, then the import it made).
// Every case checks the exact error and that the roster is untouched (writeStamp: count and
// newest write of every roster table).

let session: { user: { id: string; email: string } } | null = null;
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session }));

const cases = badInputs();

let org: string;
let admin: { userId: string; email: string };
let stamp: string;

let worker: RunningWorker;
afterAll(() => worker.stop());
beforeAll(async () => {
  worker = await startImportWorker(); // pushes and uploads are queued: a worker imports them
  ({
    organization: { id: org },
    admin,
  } = await makeOrganization());
  await importBytes(org, combinedCsv(BASELINE), { thresholdPercent: 100 });
  stamp = await writeStamp(org);
});

async function push(organizationId: string, item: BadInput, bytes: Uint8Array) {
  const { token } = await createApiToken(await getDb(), organizationId, `corpus ${item.name}`.slice(0, 100), null);
  const url = new URL("http://localhost/api/v1/imports");
  url.searchParams.set("kind", item.kind ?? "combined");
  url.searchParams.set("name", item.fileName);
  const response = await POST(
    new Request(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
      body: bytes as BodyInit,
    }),
  );
  const body = (await response.json()) as { id?: string; status?: string; error?: { code: string; message: string } };
  // Answered once queued: what the import became is its status afterwards.
  const final = body.id && body.status === "queued" ? await settledImport(organizationId, body.id) : null;
  return { response, body, final };
}

/**
 * The upload route's answer: an HTTP error; the column-mapping step (a file whose columns do not
 * fit asks the admin to map them, with the same message, and keeps no import); or the import its
 * last NDJSON line names.
 */
async function upload(
  item: BadInput,
  bytes: Uint8Array,
  as: { userId: string; email: string },
  organizationId: string,
) {
  session = { user: { id: as.userId, email: as.email } };
  const url = new URL("http://localhost/admin/imports/upload");
  url.searchParams.set("kind", item.kind ?? "combined");
  url.searchParams.set("name", item.fileName);
  const response = await uploadRoute(
    new Request(url, {
      method: "POST",
      // What the browser sends from the New import page (the route refuses cross-site posts).
      headers: { "content-length": String(bytes.byteLength), "sec-fetch-site": "same-origin" },
      body: bytes as BodyInit,
    }),
  );
  if (!response.headers.get("content-type")?.includes("ndjson")) {
    return {
      status: response.status,
      error: ((await response.json()) as { error: { code: string; message: string } }).error,
      mapping: null,
      result: null,
    };
  }
  const lines = (await response.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string; id?: string; message?: string });
  const last = lines.at(-1);
  if (last?.type === "mapping")
    return { status: response.status, error: null, mapping: { message: last.message }, result: null };
  if (last?.type !== "done" || !last.id) throw new Error(`the upload ended with ${JSON.stringify(last)}`);
  return {
    status: response.status,
    error: null,
    mapping: null,
    result: await settledImport(organizationId, last.id),
  };
}

function messageMatcher(message: string | RegExp) {
  return typeof message === "string" ? expect.stringContaining(message) : expect.stringMatching(message);
}

async function fileNameOf(id: string) {
  const [row] = await (await getDb()).select({ fileName: imports.fileName }).from(imports).where(eq(imports.id, id));
  return row?.fileName;
}

describe("the bad-input corpus", () => {
  it("has at least 40 cases, each with a unique name", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, item) => {
    it("through the push API", async () => {
      const bytes = item.bytes();
      const target = item.changesRoster ? (await makeOrganization()).organization.id : org;
      const before = item.changesRoster ? null : await writeStamp(org);
      const { response, body, final } = await push(target, item, bytes);
      const expected = item.expect;
      if (expected.status === "failed" && final) {
        // Found by the worker (every row rejected, a set's broken file): 202, then failed.
        expect(response.status).toBe(202);
        expect(final.status).toBe("failed");
        expect(final.issues[0]).toMatchObject({ code: expected.code, message: messageMatcher(expected.message) });
      } else if (expected.status === "failed") {
        // Found while the request read the file: 422 at once.
        expect(response.status).toBe(item.httpStatus ?? 422);
        expect(body.error).toEqual({ code: expected.code, message: messageMatcher(expected.message) });
      } else {
        expect(body.error).toBeUndefined();
        expect(response.status).toBe(202);
        expect(final?.status ?? body.status).toBe(expected.status);
        if (body.id) expect((await fileNameOf(body.id))?.length).toBeLessThanOrEqual(255);
      }
      if (before !== null) expect(await writeStamp(org)).toBe(stamp);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("as an upload (the upload route)", async () => {
      const fresh = item.changesRoster ? await makeOrganization() : null;
      const target = fresh?.organization.id ?? org;
      const { status, error, mapping, result } = await upload(item, item.bytes(), fresh?.admin ?? admin, target);
      const expected = item.expect;
      if (expected.status === "failed" && item.httpStatus) {
        expect(status).toBe(item.httpStatus);
        expect(error).toEqual({ code: expected.code, message: messageMatcher(expected.message) });
      } else if (expected.status === "failed" && mapping) {
        expect(["missing_column", "duplicate_column"]).toContain(expected.code);
        expect(mapping.message).toEqual(messageMatcher(expected.message));
      } else if (expected.status === "failed") {
        expect(result?.status).toBe("failed");
        expect(result?.issues).toHaveLength(1);
        const issue = result?.issues[0];
        expect(issue).toMatchObject({
          severity: "error",
          code: expected.code,
          message: messageMatcher(expected.message),
        });
        if (expected.row !== undefined) expect(issue?.row).toBe(expected.row);
        if (expected.column !== undefined) expect(issue?.column).toBe(expected.column);
      } else {
        const errors = result?.issues.filter((i) => i.severity === "error") ?? [];
        if (expected.issues) expect(errors.map((i) => [i.row, i.code])).toEqual(expected.issues);
        else expect(errors).toEqual([]);
        // An upload is never applied straight away: a preview, held over the threshold, or unchanged.
        expect(["preview", "held", "unchanged"]).toContain(result?.status);
        expect((await fileNameOf(result!.id))?.length).toBeLessThanOrEqual(255);
      }
      if (!item.changesRoster) expect(await writeStamp(org)).toBe(stamp);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});

describe("what accepted hostile content becomes", () => {
  const byName = (name: string) => cases.find((c) => c.name === name)!;

  it("stores formula-looking names verbatim and neutralises them on CSV export", async () => {
    const target = (await makeOrganization()).organization.id;
    const item = byName("formula-looking names");
    await importBytes(target, item.bytes());
    const students = (await rosterOf(target)).students.map((s) => [s.firstName, s.lastName]);
    expect(students).toEqual([
      ['=HYPERLINK("http://x")', "+1-2"],
      ["@SUM(A1)", "-3"],
    ]);
    expect(safeCsvLines(students)).toBe(`"'=HYPERLINK(""http://x"")","'+1-2"\r\n"'@SUM(A1)","'-3"\r\n`);
  });

  it("stores bidi-override characters verbatim", async () => {
    const target = (await makeOrganization()).organization.id;
    await importBytes(target, byName("bidi-override characters in a name").bytes());
    expect((await rosterOf(target)).students.map((s) => [s.firstName, s.lastName])).toEqual([
      ["\u202eevil\u202c", "Smith\u2066x\u2069"],
    ]);
  });

  it("keeps hostile file names as text, cut to 255 characters, without bidi controls", async () => {
    const stored: Record<string, string> = {
      "a ../../x file name": "../../x",
      "an <img onerror> file name": '<img src=x onerror="alert(1)">.csv',
      "a 300-character file name": "r".repeat(255),
      "a file name with bidi overrides": "rosterslx.exe.csv",
    };
    for (const [name, expected] of Object.entries(stored)) {
      const item = byName(name);
      const result = await importBytes(org, item.bytes(), { fileName: item.fileName });
      expect(await fileNameOf(result.id)).toBe(expected);
    }
  });
});

describe("the password-protected workbooks are real", () => {
  const roster = [COMBINED_HEADER, ...BASELINE_ROWS];
  const rowsOfWorkbook = (bytes: Uint8Array) => {
    const book = XLSX.read(bytes, { type: "array" });
    return XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, raw: false });
  };

  it.each([
    ["XLSX, agile", () => encryptedXlsx(xlsxOf({ Roster: roster }))],
    ["XLSX, standard", () => encryptedXlsx(xlsxOf({ Roster: roster }), CORPUS_PASSWORD, "standard")],
    ["XLS, RC4 CryptoAPI", () => encryptedXls(xlsOf(roster))],
  ])(
    "%s: officecrypto-tool decrypts it with the password (and only with it) to the baseline roster",
    async (_kind, make) => {
      const bytes = Buffer.from(make());
      expect(officeCrypto.isEncrypted(bytes)).toBe(true);
      expect(() => XLSX.read(bytes, { type: "buffer" })).toThrow(/password-protected/);
      await expect(officeCrypto.decrypt(bytes, { password: "not-the-password" })).rejects.toThrow(
        /password is incorrect/i,
      );
      const decrypted = new Uint8Array(await officeCrypto.decrypt(bytes, { password: CORPUS_PASSWORD }));
      expect(rowsOfWorkbook(decrypted)).toEqual(roster);
      // Decrypted, the same roster imports and changes nothing: only the password stood in the way.
      expect((await importBytes(org, decrypted, { fileName: "decrypted" })).status).toBe("unchanged");
      expect(await writeStamp(org)).toBe(stamp);
    },
  );
});
