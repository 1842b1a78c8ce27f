import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { sendInvitations } from "@/lib/invitations/send-invitations";
import { createApiToken } from "@/lib/sources/create-api-token";
import { makeOrganization } from "@/tests/support/factories";
import { makeSource } from "@/tests/support/nightly";
import { combinedCsv, grid, importBytes, writeStamp } from "@/tests/support/roster-files";

// The tenancy matrix (issue 8): every server action and route handler under app/, listed from
// the file system (a new file or export without a row here fails), called as organization A's
// admin with organization B's ids (import, school, staff, invitation, source, token) → refused
// (404 / notFound / an error state), and organization B is byte for byte unchanged.

let session: { user: { id: string; email: string } } | null = null;
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => session,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: { GET: async () => new Response(null, { status: 404 }), POST: async () => new Response(null, { status: 404 }) },
  CHECK_EMAIL_PATH: "/sign-in/check-email",
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
  notFound: () => {
    throw new Error("notFound");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "localhost:3000" }), cookies: async () => ({ get: () => undefined, set: () => undefined }) }));

const appDir = path.join(process.cwd(), "app");

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : serverFiles(full);
    return /^route\.tsx?$|^actions\.ts$/.test(entry.name) ? [path.relative(appDir, full)] : [];
  });
}

type Ids = { importId: string; previewId: string; schoolId: number; staffId: number; invitationId: string; sourceId: string; tokenId: string; studentId: string };
type Call = (mod: Record<string, (...args: never[]) => Promise<unknown>>, b: Ids) => Promise<unknown>;

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};
const call = (mod: Record<string, unknown>, name: string, ...args: unknown[]) => (mod[name] as (...a: unknown[]) => Promise<unknown>)(...args);
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

/** Every export of every action/route file: how it is called with B's ids, or why it takes none. */
const MATRIX: Record<string, Record<string, Call | string>> = {
  "(admin)/admin/imports/actions.ts": {
    applyImportAction: (m, b) => call(m, "applyImportAction", b.previewId, {}, form({})),
    discardImportAction: (m, b) => call(m, "discardImportAction", b.previewId, {}, form({})),
  },
  "(admin)/admin/imports/[id]/issues.csv/route.ts": {
    GET: (m, b) => call(m, "GET", new Request(`http://localhost/admin/imports/${b.importId}/issues.csv`), idParams(b.importId)),
  },
  "(admin)/admin/imports/upload/route.ts": { POST: "creates an import in the caller's organization; takes no id of another" },
  "(admin)/admin/roster/schools/actions.ts": {
    renameSchoolAction: (m, b) => call(m, "renameSchoolAction", {}, form({ schoolId: String(b.schoolId), name: "Taken over" })),
  },
  "(admin)/admin/roster/classes/export/route.ts": { GET: "exports the caller's organization only (checked below)" },
  "(admin)/admin/roster/schools/export/route.ts": { GET: "exports the caller's organization only (checked below)" },
  "(admin)/admin/roster/staff/export/route.ts": { GET: "exports the caller's organization only (checked below)" },
  "(admin)/admin/roster/students/export/route.ts": { GET: "exports the caller's organization only (checked below)" },
  "(admin)/admin/settings/actions.ts": {
    createSourceAction: "creates a source in the caller's organization; takes no id of another",
    createTokenAction: "creates a token in the caller's organization; takes no id of another",
    testSourceAction: (m, b) => call(m, "testSourceAction", b.sourceId, {}, form({})),
    deleteSourceAction: (m, b) => call(m, "deleteSourceAction", b.sourceId, form({})),
    revokeTokenAction: (m, b) => call(m, "revokeTokenAction", b.tokenId, form({})),
  },
  "(admin)/admin/staff/actions.ts": {
    staffAction: async (m, b) => {
      const answers = [];
      for (const intent of ["send-selected", `resend:${b.staffId}`, `revoke:${b.staffId}`, `deactivate:${b.staffId}`, `reactivate:${b.staffId}`]) {
        answers.push(await call(m, "staffAction", {}, form({ intent, staffId: String(b.staffId) })).catch((e: Error) => e));
      }
      return answers;
    },
  },
  "(auth)/actions.ts": {
    requestSignInLinkAction: "sign-in: an email address, no organization ids",
    signOutAction: "signs the caller out; no ids",
  },
  "(auth)/invite/[token]/actions.ts": { "*": "invitation acceptance: a secret token, no organization ids (token tests in lib/invitations)" },
  "api/auth/[...nextauth]/route.ts": { GET: "Auth.js", POST: "Auth.js" },
  "api/cron/nightly/route.ts": { GET: "cron secret; walks every organization by design", POST: "cron secret; walks every organization by design" },
  "api/health/route.ts": { GET: "no data" },
  "api/v1/imports/route.ts": { POST: "API token: imports into the token's organization; takes no id of another" },
  "api/v1/imports/[id]/route.ts": { GET: "API token on another organization's import: checked below" },
  "dev/expire-invitations/route.ts": { POST: "test-only route (ROSTERSYNC_ENABLE_DEV_OUTBOX), no organization ids" },
};

let a: Awaited<ReturnType<typeof makeOrganization>>;
let b: Awaited<ReturnType<typeof makeOrganization>>;
let ids: Ids;

/** Everything organization B has, as text: the roster stamp plus every row of its other tables. */
async function fingerprintOfB(): Promise<string> {
  const db = await getDb();
  const parts = [await writeStamp(b.organization.id)];
  for (const table of ["imports", "import_issues", "import_staged_rows", "invitations", "nightly_sources", "api_tokens", "memberships", "schools", "staff", "audit_log"]) {
    const [row] = rowsOf<{ n: string | number; digest: string | null }>(
      await db.execute(sql`select count(*) as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.identifier(table)} t where organization_id = ${b.organization.id}`),
    );
    parts.push(`${table}:${row?.n}:${row?.digest}`);
  }
  return parts.join("\n");
}

beforeAll(async () => {
  const db = await getDb();
  a = await makeOrganization();
  b = await makeOrganization();
  await importBytes(a.organization.id, combinedCsv(grid("A01", 1, 2)));
  const applied = await importBytes(b.organization.id, combinedCsv(grid("B01", 2, 2)));
  const preview = await importBytes(b.organization.id, combinedCsv(grid("B01", 1, 2)), { mode: "preview", source: "upload" });
  const one = async (query: ReturnType<typeof sql>) => rowsOf<{ id: string | number }>(await db.execute(query))[0]!.id;
  const staffId = Number(await one(sql`select id from staff where organization_id = ${b.organization.id} order by id limit 1`));
  const sent = await sendInvitations(db, b.organization.id, { staffIds: [staffId], sentBy: { userId: b.admin.userId, email: b.admin.email }, baseUrl: "http://localhost:3000" });
  expect(sent.sent.length).toBe(1);
  const source = await makeSource(b.organization);
  const token = await createApiToken(db, b.organization.id, "B's script", null);
  ids = {
    importId: applied.id,
    previewId: preview.id,
    schoolId: Number(await one(sql`select id from schools where organization_id = ${b.organization.id} limit 1`)),
    staffId,
    invitationId: String(await one(sql`select id from invitations where organization_id = ${b.organization.id} limit 1`)),
    sourceId: String((source as { id: string }).id),
    tokenId: String(token.record.id),
    studentId: "B01-S1",
  };
  session = { user: { id: a.admin.userId, email: a.admin.email } };
});

const files = serverFiles(appDir);

describe("tenancy matrix", () => {
  it("fingerprints what B has (so a write would show)", async () => {
    const print = await fingerprintOfB();
    for (const part of ["imports:2:", "invitations:1:", "nightly_sources:1:", "api_tokens:1:"]) expect(print).toContain(part);
  });

  it("lists every action and route file", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => !(f in MATRIX))).toEqual([]);
  });

  it.each(files.map((f) => [f]))("%s: every export is in the matrix; B's ids are refused and B is unchanged", async (file) => {
    const mod = (await import(/* @vite-ignore */ path.join(appDir, file))) as Record<string, (...args: never[]) => Promise<unknown>>;
    const row = MATRIX[file]!;
    const exported = Object.keys(mod).filter((name) => typeof mod[name] === "function");
    if (!("*" in row)) expect(exported.filter((name) => !(name in row))).toEqual([]);
    for (const name of exported) {
      const entry = row[name] ?? row["*"];
      if (typeof entry !== "function") continue;
      const before = await fingerprintOfB();
      const outcome = await entry(mod, ids).catch((error: Error) => error);
      for (const answer of [outcome].flat()) {
        if (answer instanceof Response) expect(answer.status, `${file} ${name}`).toBe(404);
        else if (answer instanceof Error) expect(answer.message, `${file} ${name}`).toMatch(/^notFound$|not found|redirect:\/admin/i);
        else if (answer && typeof answer === "object") expect(JSON.stringify(answer), `${file} ${name}`).toMatch(/error|not found|not in your|no longer|could not|not understood/i);
        // void (a form action that does nothing for an unknown id) is fine: the fingerprint decides
      }
      expect(await fingerprintOfB(), `${file} ${name} wrote to organization B`).toBe(before);
    }
  });

  it("roster exports of A hold nothing of B", async () => {
    for (const entity of ["classes", "schools", "staff", "students"]) {
      const mod = (await import(/* @vite-ignore */ path.join(appDir, `(admin)/admin/roster/${entity}/export/route.ts`))) as { GET: (r: Request) => Promise<Response> };
      const text = await (await mod.GET(new Request(`http://localhost/admin/roster/${entity}/export`))).text();
      expect(text.length, entity).toBeGreaterThan(0);
      expect(text, entity).not.toContain("B01");
      expect(text, entity).not.toContain(`@${b.organization.slug}`);
    }
  });

  it("A's API token cannot read B's import", async () => {
    const { token } = await createApiToken(await getDb(), a.organization.id, "A's script", null);
    const mod = await import("@/app/api/v1/imports/[id]/route");
    const response = await mod.GET(new Request(`http://localhost/api/v1/imports/${ids.importId}`, { headers: { authorization: `Bearer ${token}` } }), idParams(ids.importId));
    expect(response.status).toBe(404);
  });

  it("signed out, every admin action and route is refused", async () => {
    session = null;
    try {
      const mod = await import("@/app/(admin)/admin/roster/schools/actions");
      await expect(mod.renameSchoolAction({}, form({ schoolId: String(ids.schoolId), name: "x" }))).rejects.toThrow(/redirect:\/sign-in/);
      const route = await import("@/app/(admin)/admin/imports/[id]/issues.csv/route");
      const answer = await route.GET(new Request("http://localhost/x"), idParams(ids.importId)).catch((e: Error) => e);
      expect(answer instanceof Response ? answer.status : (answer as Error).message).toSatisfy((v: unknown) => v === 401 || v === 404 || /redirect:\/sign-in/.test(String(v)));
    } finally {
      session = { user: { id: a.admin.userId, email: a.admin.email } };
    }
  });
});
