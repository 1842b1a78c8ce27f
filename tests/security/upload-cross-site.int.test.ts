import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { publicBaseUrl } from "@/lib/public-url";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, grid } from "@/tests/support/roster-files";

// Issue 13 item 14: the upload route acts on the admin's session cookie, which a browser sends
// along with another site's post. Only a post from this app's own page is taken.

let session: { user: { id: string; email: string } } | null = null;
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => session,
  signIn: async () => undefined,
  signOut: async () => undefined,
  CHECK_EMAIL_PATH: "/sign-in/check-email",
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));

const { POST } = await import("@/app/(admin)/admin/imports/upload/route");
const host = new URL(publicBaseUrl()).host;
let organizationId = "";

beforeAll(async () => {
  const { organization, admin } = await makeOrganization();
  organizationId = organization.id;
  session = { user: { id: admin.userId, email: admin.email } };
});

const upload = (headers: Record<string, string>) =>
  POST(
    new Request(`${publicBaseUrl()}/admin/imports/upload?kind=combined&name=roster.csv`, {
      method: "POST",
      headers: { host, ...headers },
      body: combinedCsv(grid("X01", 1, 2)) as BodyInit,
    }),
  );
const importCount = async () =>
  Number(
    rowsOf<{ n: string | number }>(
      await (await getDb()).execute(sql`select count(*) as n from imports where organization_id = ${organizationId}`),
    )[0]?.n,
  );

describe("the upload route", () => {
  it.each([
    ["another site's Origin", { origin: "http://evil.test", "sec-fetch-site": "cross-site" }],
    ["another site's Origin, no Sec-Fetch-Site", { origin: "http://evil.test", "content-type": "text/plain" }],
    ["Origin null (a sandboxed frame, a data: page)", { origin: "null", "content-type": "text/plain" }],
    ["no Origin, a text/plain body", { "content-type": "text/plain" }],
    ["a sibling subdomain (same-site, not same-origin)", { origin: publicBaseUrl(), "sec-fetch-site": "same-site" }],
  ])("refuses %s with 403 and imports nothing", async (_label, headers) => {
    const before = await importCount();
    const response = await upload(headers);
    expect(response.status).toBe(403);
    expect(await importCount()).toBe(before);
  });

  it("takes a post from this app's page", async () => {
    const before = await importCount();
    const response = await upload({ origin: publicBaseUrl(), "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"type":"done"');
    expect(await importCount()).toBe(before + 1);
  });
});
