import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db/client";
import { invitationStatusSql } from "@/db/queries/staff";
import { makeOrganization, makeStaff } from "@/tests/support/factories";

// The real Resend SDK, aimed through RESEND_BASE_URL at a local fake of its HTTP API: each
// invitation send carries an idempotency key of its own, and a resend a new one.
type Seen = { url?: string; headers: IncomingMessage["headers"]; body: Record<string, unknown> };
const seen: Seen[] = [];
/** Answers for the next requests, e.g. a 5xx outage; 200 when empty. */
const outage: number[] = [];
let delivered = 0;
const server: Server = createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", () => {
    seen.push({ url: req.url, headers: req.headers, body: raw ? JSON.parse(raw) : {} });
    const status = outage.shift() ?? 200;
    res.writeHead(status, { "content-type": "application/json" });
    if (status !== 200) {
      res.end(JSON.stringify({ name: "internal_server_error", message: "Resend is down", statusCode: status }));
      return;
    }
    delivered += 1;
    res.end(JSON.stringify({ id: `email_${seen.length}` }));
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.env.RESEND_API_KEY = "re_test_key";
process.env.RESEND_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.env.MAIL_FROM = "RosterSync <rosters@district.test>";
const { sendInvitations } = await import("./send-invitations");
const { publicBaseUrl } = await import("@/lib/public-url");

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
      sendInvitations(db, organization.id, {
        staffIds: [ana.id],
        sentBy: { userId: admin.userId, email: admin.email },
      });

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
    expect(String(a?.body.text)).toMatch(new RegExp(`${publicBaseUrl()}/invite/[A-Za-z0-9_-]{43}\n`));
    expect(String(a?.body.html)).toContain(`<a href="${publicBaseUrl()}/invite/`);
  });

  it("Resend answering 5xx leaves the invitation failed (its link never works); a retry delivers exactly one mail", async () => {
    const db = await getDb();
    const { organization, admin } = await makeOrganization();
    const bo = await makeStaff(organization.id, { firstName: "Bo" });
    const send = () =>
      sendInvitations(db, organization.id, {
        staffIds: [bo.id],
        sentBy: { userId: admin.userId, email: admin.email },
      });
    const before = delivered;
    outage.push(503);
    const failed = await send();
    expect(failed.sent).toEqual([]);
    expect(failed.failed).toEqual([
      { staffId: bo.id, email: bo.email, message: expect.stringContaining("Resend is down") },
    ]);
    const [status] = await db
      .execute(sql`select ${invitationStatusSql()} as status from staff where id = ${bo.id}`)
      .then((r) => rowsOf<{ status: string }>(r));
    expect(status?.status).toBe("send_failed");

    const retried = await send();
    expect(retried.sent).toHaveLength(1);
    expect(retried.failed).toEqual([]);
    expect(delivered - before).toBe(1);
  });
});
