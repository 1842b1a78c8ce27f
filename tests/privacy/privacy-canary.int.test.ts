import os from "node:os";
import { format } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { POST } from "@/app/api/v1/imports/route";
import { loggableError } from "@/lib/errors";
import { captureLog } from "@/lib/log";
import { applyPendingImport } from "@/lib/import/decide-import";
import { runImport } from "@/lib/import/run-import";
import { createApiToken } from "@/lib/sources/create-api-token";
import { settledImport, startImportWorker } from "@/tests/support/import-queue";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, rosterOf } from "@/tests/support/roster-files";
import { ROSTER_TABLES, canaryName, filesHolding, recentFiles } from "./canary-search";

// The privacy canary (issue 8): a roster file holding a made-up name found in no other record.
// After an upload (preview, then apply), a push API import, a failed import and a conflicting
// file, the name is in the roster tables and nowhere else: not in any other table, not in what
// the server logged, not in the temp directory. Documented exceptions (docs/decisions.md "Issue
// messages and personal data"): the change samples of an import (imports.plan_summary.samples),
// and an issue message about a contradiction, which quotes both spellings.
// e2e/privacy-canary.spec.ts does the same through the browser, against the production server's
// log file and temp directory.

const CANARY_FIRST = canaryName("Quillon");
const CANARY_LAST = canaryName("Vexmoor");
const started = Date.now();
const logged: string[] = [];

let stopCapture: () => void = () => {};
beforeAll(() => {
  stopCapture = captureLog((line) => logged.push(line));
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(format(...args));
    });
  }
});
afterAll(() => {
  stopCapture();
  vi.restoreAllMocks();
});

const canaryFile = () =>
  combinedCsv([
    { school: "301", classId: "301-C1", studentId: "301-S1" },
    { school: "301", classId: "301-C1", studentId: "301-CANARY", first: CANARY_FIRST, last: CANARY_LAST },
  ]);

/** Every table but the roster ones, one text line per row. */
async function dumpNonRosterTables(): Promise<Map<string, string>> {
  const db = await getDb();
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    ),
  ).map((t) => t.name);
  const dump = new Map<string, string>();
  for (const table of tables) {
    if (ROSTER_TABLES.has(table)) continue;
    // imports.plan_summary.samples: the documented exception (up to 5 examples per change, names
    // included, shown on the import's page); everything else of the row is searched.
    const line = table === "imports" ? sql`(to_jsonb(t) #- '{plan_summary,samples}')::text` : sql`t::text`;
    const rows = rowsOf<{ line: string }>(
      await db.execute(sql`select ${line} as line from ${sql.identifier(table)} t`),
    );
    dump.set(table, rows.map((r) => r.line).join("\n"));
  }
  return dump;
}

describe("privacy canary", () => {
  it("a name from a roster file is stored in the roster tables and nowhere else", async () => {
    const db = await getDb();
    const { organization, admin } = await makeOrganization();
    // 1. an upload: preview (rows staged), then applied (staged rows deleted)
    const preview = await runImport(db, {
      organizationId: organization.id,
      kind: "combined",
      source: "upload",
      fileName: "roster.csv",
      bytes: canaryFile(),
      actor: { userId: admin.userId },
      mode: "preview",
      thresholdPercent: 100,
    });
    expect(preview.status).toBe("preview");
    const applied = await applyPendingImport(db, organization.id, preview.id, { userId: admin.userId });
    expect(applied.status).toBe("applied");
    // 2. the push API, into a second organization
    const other = await makeOrganization();
    const { token } = await createApiToken(db, other.organization.id, "canary", null);
    const response = await POST(
      new Request("http://localhost/api/v1/imports?kind=combined&name=roster.csv", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
        body: canaryFile() as BodyInit,
      }),
    );
    expect(response.status).toBe(202);
    const worker = await startImportWorker(); // the pushed import is queued: a worker imports it
    try {
      expect((await settledImport(other.organization.id, (await response.json()).id)).status).toBe("applied");
    } finally {
      await worker.stop();
    }
    // 3. a file that fails (missing column) and a preview left pending, both holding the name
    const broken = new TextDecoder().decode(canaryFile()).replace("Teacher Email", "Something Else");
    const failed = await runImport(db, {
      organizationId: organization.id,
      kind: "combined",
      source: "upload",
      fileName: "broken.csv",
      bytes: new TextEncoder().encode(broken),
      actor: { userId: admin.userId },
      mode: "preview",
      thresholdPercent: 100,
    });
    expect(failed.status).toBe("failed");

    // The roster does hold it.
    expect((await rosterOf(organization.id)).students.map((s) => s.firstName)).toContain(CANARY_FIRST);

    const dump = await dumpNonRosterTables();
    expect(dump.has("imports")).toBe(true);
    const samples = rowsOf<{ n: string | number }>(
      await db.execute(
        sql`select count(*) as n from imports where organization_id = ${organization.id} and plan_summary::text like ${`%${CANARY_FIRST}%`}`,
      ),
    );
    expect(Number(samples[0]?.n)).toBeGreaterThan(0); // the exception is real: the samples name the new student
    expect(dump.has("import_staged_rows")).toBe(true);
    expect(dump.has("audit_log")).toBe(true);
    for (const [table, text] of dump) {
      expect(text.includes(CANARY_FIRST) || text.includes(CANARY_LAST), `table ${table}`).toBe(false);
    }
    expect(filesHolding(recentFiles(os.tmpdir(), started), CANARY_FIRST)).toEqual([]);
    expect(logged.join("\n")).not.toContain(CANARY_FIRST);
  });

  it("a failed query is logged without the values it was sent", () => {
    const cause = Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" });
    const error = new Error(`Failed query: insert into students (first_name) values ($1)\nparams: ${CANARY_FIRST}`, {
      cause,
    });
    const line = loggableError(error);
    expect(line).toContain("Failed query: insert into students");
    expect(line).toContain("[23505]");
    expect(line).not.toContain(CANARY_FIRST);
  });

  it("the documented exception: a contradiction's issue quotes both spellings, and only there", async () => {
    const { organization } = await makeOrganization();
    const db = await getDb();
    const bytes = combinedCsv([
      { school: "301", classId: "301-C1", studentId: "301-S9", first: "Ann", last: "Lee" },
      { school: "301", classId: "301-C2", studentId: "301-S9", first: CANARY_FIRST, last: CANARY_LAST },
    ]);
    const result = await runImport(db, {
      organizationId: organization.id,
      kind: "combined",
      source: "cli",
      fileName: "conflict.csv",
      bytes,
      actor: { label: "test" },
      mode: "apply",
      thresholdPercent: 100,
    });
    expect(result.issues.map((i) => i.code)).toContain("conflicting_student");
    const dump = await dumpNonRosterTables();
    const holding = [...dump].filter(([, text]) => text.includes(CANARY_FIRST)).map(([table]) => table);
    expect(holding).toEqual(["import_issues"]);
  });
});
