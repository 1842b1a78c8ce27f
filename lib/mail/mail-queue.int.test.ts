import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";

// The mail queue against a local fake of Resend's HTTP API (RESEND_BASE_URL): a 429, then a 503,
// then 200 — the job is retried with backoff and the mail delivered once, every try with the same
// idempotency key; a 422 (a bad address) is not retried.

type Seen = { headers: IncomingMessage["headers"]; body: Record<string, unknown> };
const seen: Seen[] = [];
const answers: number[] = [];
const server: Server = createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", () => {
    seen.push({ headers: req.headers, body: raw ? JSON.parse(raw) : {} });
    const status = answers.shift() ?? 200;
    res.writeHead(status, { "content-type": "application/json" });
    if (status === 200) res.end(JSON.stringify({ id: `email_${seen.length}` }));
    else {
      const name =
        status === 429 ? "rate_limit_exceeded" : status === 422 ? "validation_error" : "internal_server_error";
      res.end(JSON.stringify({ name, message: `answer ${status}`, statusCode: status }));
    }
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.env.RESEND_API_KEY = "re_test_key";
process.env.RESEND_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.env.MAIL_FROM = "RosterSync <rosters@district.test>";
process.env.MAIL_RETRY_DELAY_SECONDS = "1";
process.env.JOB_POLLING_SECONDS = "0.5";
const { getBoss } = await import("@/lib/jobs/boss");
const { runWorker } = await import("@/lib/jobs/run-worker");
const { enqueueMail, deliverMail } = await import("./send-mail-job");
const { getDb } = await import("@/db/client");
const { makeOrganization, makeStaff } = await import("@/tests/support/factories");
const { sendInvitations } = await import("@/lib/invitations/send-invitations");
const { listAuditEntries } = await import("@/db/queries/audit");
const { invitations } = await import("@/db/schema/invitations");
const { eq } = await import("drizzle-orm");

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const message = (key: string) => ({
  to: "ana@district.test",
  subject: "Held import",
  text: "Review it",
  category: "import-held",
  idempotencyKey: key,
});

async function jobState(id: string) {
  return (await (await getBoss()).getJobById("mail", id))?.state;
}

describe("the mail queue", () => {
  it("retries a 429 and a 5xx with backoff, then delivers once with the same idempotency key", async () => {
    const worker = await runWorker({ queues: ["mail"] });
    try {
      answers.push(429, 503);
      const before = seen.length;
      const id = await enqueueMail(message("import-held/1/ana"));
      expect(id).toBeTruthy();
      await expect.poll(() => jobState(id!), { timeout: 40_000, interval: 250 }).toBe("completed");
      const tries = seen.slice(before);
      expect(tries).toHaveLength(3);
      expect(tries.map((t) => t.headers["idempotency-key"])).toEqual(Array(3).fill("import-held/1/ana"));
      expect(tries[2]?.body).toMatchObject({ to: "ana@district.test", subject: "Held import" });
      const job = await (await getBoss()).getJobById("mail", id!);
      expect(job?.retryCount).toBe(2);

      // A refusal that will not change (422) is not retried.
      answers.push(422);
      const refusedBefore = seen.length;
      const refused = await enqueueMail(message("import-held/2/ana"));
      await expect.poll(() => jobState(refused!), { timeout: 20_000, interval: 250 }).toBe("completed");
      expect(seen.length - refusedBefore).toBe(1);

      // deliverMail puts it on the queue when mail goes to Resend; the worker sends it.
      const deliveredBefore = seen.length;
      await deliverMail(message("invitation/3"));
      await expect.poll(() => seen.length - deliveredBefore, { timeout: 20_000, interval: 250 }).toBe(1);
    } finally {
      await worker.stop();
    }
  }, 90_000);

  it("an invitation whose queued mail is refused for good is marked not sent, with the reason in the audit log", async () => {
    const worker = await runWorker({ queues: ["mail"] });
    try {
      const db = await getDb();
      const { organization, admin } = await makeOrganization();
      const refusedTeacher = await makeStaff(organization.id, { email: "gone@district.test" });
      const fine = await makeStaff(organization.id);
      answers.push(422); // the first mail sent: a bad address, refused for good
      const result = await sendInvitations(db, organization.id, {
        staffIds: [refusedTeacher.id, fine.id],
        sentBy: { userId: admin.userId, email: admin.email },
        delivery: "queue",
      });
      expect(result.sent).toHaveLength(2);
      const invitationOf = async (staffId: number) =>
        (await db.select().from(invitations).where(eq(invitations.staffId, staffId)))[0];
      await expect
        .poll(async () => (await invitationOf(refusedTeacher.id))?.sendFailedAt ?? null, {
          timeout: 30_000,
          interval: 250,
        })
        .not.toBeNull();
      await expect.poll(() => seen.filter((t) => t.body.to === fine.email).length, { timeout: 30_000 }).toBe(1);
      expect((await invitationOf(fine.id))?.sendFailedAt ?? null).toBeNull();
      const audit = await listAuditEntries(
        db,
        organization.id,
        { actions: ["invitation.send_failed"] },
        { limit: 10, offset: 0 },
      );
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0])).not.toContain("gone@district.test");
      expect(audit[0]).toMatchObject({ targetType: "staff", targetId: String(refusedTeacher.id) });
    } finally {
      await worker.stop();
    }
  }, 90_000);
});
