import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { makeOrganization, makeStaff } from "@/tests/support/factories";

// The real Resend SDK, aimed through RESEND_BASE_URL at a local fake of its HTTP API: each
// invitation send carries an idempotency key of its own, and a resend a new one.
type Seen = { url?: string; headers: IncomingMessage["headers"]; body: Record<string, unknown> };
const seen: Seen[] = [];
const server: Server = createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", () => {
    seen.push({ url: req.url, headers: req.headers, body: raw ? JSON.parse(raw) : {} });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: `email_${seen.length}` }));
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.env.RESEND_API_KEY = "re_test_key";
process.env.RESEND_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.env.MAIL_FROM = "RosterSync <rosters@district.test>";
const { sendInvitations } = await import("./send-invitations");

afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  delete process.env.MAIL_FROM;
  await new Promise((resolve) => server.close(resolve));
});

describe("sendInvitations through Resend", () => {
  it("posts each invitation with its own idempotency key, text and HTML, and the /invite link", async () => {
    const db = await getDb();
    const { organization, admin } = await makeOrganization({ name: "Lincoln Unified" });
    const ana = await makeStaff(organization.id, { firstName: "Ana" });
    const send = () =>
      sendInvitations(db, organization.id, { staffIds: [ana.id], sentBy: { userId: admin.userId, email: admin.email }, baseUrl: "https://rs.test" });

    const first = await send();
    const second = await send();
    expect(seen).toHaveLength(2);
    const [a, b] = seen;
    expect(a?.url).toBe("/emails");
    expect(a?.headers.authorization).toBe("Bearer re_test_key");
    expect(a?.headers["idempotency-key"]).toBe(`invitation/${first.sent[0]?.invitationId}`);
    expect(b?.headers["idempotency-key"]).toBe(`invitation/${second.sent[0]?.invitationId}`);
    expect(a?.headers["idempotency-key"]).not.toBe(b?.headers["idempotency-key"]);
    expect(a?.body).toMatchObject({
      from: "RosterSync <rosters@district.test>",
      to: ana.email,
      subject: `${admin.email} invited you to Lincoln Unified on RosterSync`,
    });
    expect(String(a?.body.text)).toMatch(/https:\/\/rs\.test\/invite\/[A-Za-z0-9_-]{43}\n/);
    expect(String(a?.body.html)).toContain('<a href="https://rs.test/invite/');
  });
});
