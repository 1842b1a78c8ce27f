import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { unzipArchive } from "@/lib/import/archive-guard";
import { sendInvitations } from "@/lib/invitations/send-invitations";
import { createApiToken } from "@/lib/sources/create-api-token";
import { makeAcceptedStaff, makeOrganization } from "@/tests/support/factories";
import { makeSource } from "@/tests/support/nightly";
import { combinedCsv, grid, importBytes, writeStamp } from "@/tests/support/roster-files";
import { ACTION_ROUTE_MATRIX as MATRIX, idParams, type Ids } from "./action-route-matrix";

// The tenancy matrix (issue 8): every server action and route handler under app/, listed from
// the file system (a new file or export without a row in ./action-route-matrix.ts fails; the
// production build's list is checked against the same rows by e2e/tenancy.spec.ts), called as
// organization A's admin with organization B's ids (import, school, staff, invitation, source,
// token), as B's own teacher and signed out → refused (404 / notFound / sign-in / an error
// state), and organization B is byte for byte unchanged. Pages are in e2e/tenancy.spec.ts.

let session: { user: { id: string; email: string } } | null = null;
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => session,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {
    GET: async () => new Response(null, { status: 404 }),
    POST: async () => new Response(null, { status: 404 }),
  },
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
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000" }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));

const appDir = path.join(process.cwd(), "app");

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : serverFiles(full);
    return /^route\.tsx?$|^actions\.ts$/.test(entry.name) ? [path.relative(appDir, full)] : [];
  });
}

let a: Awaited<ReturnType<typeof makeOrganization>>;
let b: Awaited<ReturnType<typeof makeOrganization>>;
let ids: Ids & { termId: number };
let teacherOfB: { id: string; email: string };

/** Everything organization B has, as text: the roster stamp plus every row of its other tables. */
async function fingerprintOfB(): Promise<string> {
  const db = await getDb();
  const parts = [await writeStamp(b.organization.id)];
  for (const table of [
    "imports",
    "import_issues",
    "import_staged_rows",
    "invitations",
    "nightly_sources",
    "api_tokens",
    "memberships",
    "schools",
    "staff",
    "audit_log",
  ]) {
    const [row] = rowsOf<{ n: string | number; digest: string | null }>(
      await db.execute(
        sql`select count(*) as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.identifier(table)} t where organization_id = ${b.organization.id}`,
      ),
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
  const preview = await importBytes(b.organization.id, combinedCsv(grid("B01", 1, 2)), {
    mode: "preview",
    source: "upload",
  });
  const one = async (query: ReturnType<typeof sql>) => rowsOf<{ id: string | number }>(await db.execute(query))[0]!.id;
  const staffId = Number(
    await one(sql`select id from staff where organization_id = ${b.organization.id} order by id limit 1`),
  );
  const sent = await sendInvitations(db, b.organization.id, {
    staffIds: [staffId],
    sentBy: { userId: b.admin.userId, email: b.admin.email },
  });
  expect(sent.sent.length).toBe(1);
  const source = await makeSource(b.organization);
  const token = await createApiToken(db, b.organization.id, "B's script", null);
  ids = {
    importId: applied.id,
    previewId: preview.id,
    schoolId: Number(await one(sql`select id from schools where organization_id = ${b.organization.id} limit 1`)),
    staffId,
    invitationId: String(
      await one(sql`select id from invitations where organization_id = ${b.organization.id} limit 1`),
    ),
    sourceId: String((source as { id: string }).id),
    tokenId: String(token.record.id),
    studentId: "B01-S1",
    termId: Number(await one(sql`select id from terms where organization_id = ${b.organization.id} limit 1`)),
  };
  teacherOfB = (await makeAcceptedStaff(b.organization.id)).user;
  session = asAdminOfA();
});

const files = serverFiles(appDir);
type Caller = "A's admin" | "B's teacher" | "signed out";
const asAdminOfA = () => ({ user: { id: a.admin.userId, email: a.admin.email } });

/** The answer of one call: refused the way `who` must be refused, and B unchanged. */
async function expectRefused(who: Caller, label: string, run: () => Promise<unknown>) {
  const before = await fingerprintOfB();
  const outcome = await run().catch((error: Error) => error);
  for (const answer of [outcome].flat()) {
    if (who === "signed out") {
      const told =
        answer instanceof Response ? answer.status : answer instanceof Error ? answer.message : JSON.stringify(answer);
      expect(told, `${label} signed out`).toSatisfy(
        (v: unknown) => v === 401 || /^redirect:\/sign-in$/.test(String(v)),
      );
    } else if (answer instanceof Response) expect(answer.status, `${label} as ${who}`).toBe(404);
    else if (answer instanceof Error)
      expect(answer.message, `${label} as ${who}`).toMatch(
        who === "B's teacher" ? /^notFound$/ : /^notFound$|not found|redirect:\/admin/i,
      );
    else if (answer && typeof answer === "object")
      expect(JSON.stringify(answer), `${label} as ${who}`).toMatch(
        /error|not found|not in your|no longer|could not|not understood/i,
      );
    // void (a form action that does nothing for an unknown id) is fine: the fingerprint decides
  }
  expect(await fingerprintOfB(), `${label} as ${who} wrote to organization B`).toBe(before);
}

/** Every export of a file with its call (a string row is a reason it takes no id). */
async function callsOf(file: string) {
  const mod = (await import(/* @vite-ignore */ path.join(appDir, file))) as Record<
    string,
    (...args: never[]) => Promise<unknown>
  >;
  const row = MATRIX[file]!;
  const exported = Object.keys(mod).filter((name) => typeof mod[name] === "function");
  return {
    mod,
    row,
    exported,
    calls: exported.flatMap((name) =>
      typeof (row[name] ?? row["*"]) === "function"
        ? [{ name, call: (row[name] ?? row["*"]) as Extract<(typeof row)[string], (...a: never[]) => unknown> }]
        : [],
    ),
  };
}

describe("tenancy matrix", () => {
  it("fingerprints what B has (so a write would show)", async () => {
    const print = await fingerprintOfB();
    for (const part of ["imports:2:", "invitations:1:", "nightly_sources:1:", "api_tokens:1:"])
      expect(print).toContain(part);
  });

  it("lists every action and route file", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => !(f in MATRIX))).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((f) => !files.includes(f)),
      "rows of files that are gone",
    ).toEqual([]);
  });

  it.each(files.map((f) => [f]))(
    "%s: every export is in the matrix; B's ids are refused and B is unchanged",
    async (file) => {
      const { mod, row, exported, calls } = await callsOf(file);
      if (!("*" in row)) expect(exported.filter((name) => !(name in row))).toEqual([]);
      for (const { name, call } of calls) await expectRefused("A's admin", `${file} ${name}`, () => call(mod, ids));
    },
  );

  it.each(files.map((f) => [f]))(
    "%s: as B's own teacher and signed out, every call with B's ids is refused and B is unchanged",
    async (file) => {
      const { mod, calls } = await callsOf(file);
      try {
        for (const { name, call } of calls) {
          session = { user: teacherOfB };
          await expectRefused("B's teacher", `${file} ${name}`, () => call(mod, ids));
          session = null;
          await expectRefused("signed out", `${file} ${name}`, () => call(mod, ids));
        }
      } finally {
        session = asAdminOfA();
      }
    },
  );

  it("roster exports of A hold nothing of B, also filtered by B's school, term and teacher ids", async () => {
    for (const entity of ["classes", "schools", "staff", "students"]) {
      const mod = (await import(
        /* @vite-ignore */ path.join(appDir, `(admin)/admin/roster/${entity}/export/route.ts`)
      )) as { GET: (r: Request) => Promise<Response> };
      for (const query of [
        "",
        `?school=${ids.schoolId}`,
        `?teacher=${ids.staffId}`,
        `?term=${ids.termId}&status=all`,
      ]) {
        const response = await mod.GET(new Request(`http://localhost/admin/roster/${entity}/export${query}`));
        expect(response.status, `${entity}${query}`).toBe(200);
        const text = await response.text();
        expect(text.length, entity).toBeGreaterThan(0);
        expect(text, `${entity}${query}`).not.toContain("B01");
        expect(text, `${entity}${query}`).not.toContain(`@${b.organization.slug}`);
      }
    }
  });

  it("A's OneRoster export holds nothing of B", async () => {
    const mod = (await import(/* @vite-ignore */ path.join(appDir, "(admin)/admin/roster/oneroster/route.ts"))) as {
      GET: (r: Request) => Promise<Response>;
    };
    const response = await mod.GET(new Request(`http://localhost/admin/roster/oneroster?school=${ids.schoolId}`));
    expect(response.status).toBe(200);
    const { entries } = unzipArchive(new Uint8Array(await response.arrayBuffer()));
    expect(entries.map((entry) => entry.name)).toContain("users.csv");
    const text = entries.map((entry) => new TextDecoder().decode(entry.bytes)).join("\n");
    expect(text).toContain("A01");
    expect(text).not.toContain("B01");
    expect(text).not.toContain(`@${b.organization.slug}`);
  });

  it("A's API token cannot read B's import", async () => {
    const { token } = await createApiToken(await getDb(), a.organization.id, "A's script", null);
    const mod = await import("@/app/api/v1/imports/[id]/route");
    const response = await mod.GET(
      new Request(`http://localhost/api/v1/imports/${ids.importId}`, { headers: { authorization: `Bearer ${token}` } }),
      idParams(ids.importId),
    );
    expect(response.status).toBe(404);
  });
});
