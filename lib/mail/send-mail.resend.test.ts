import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The real Resend SDK, aimed at a local fake of its HTTP API through RESEND_BASE_URL.
type Seen = { method?: string; url?: string; headers: IncomingMessage["headers"]; body: Record<string, unknown> };
const seen: Seen[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: { id: "email_123" } };
/** Answers given before `answer`, one per request. */
const firstAnswers: Array<{ status: number; body: unknown }> = [];
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: raw ? JSON.parse(raw) : {} });
      const { status, body } = firstAnswers.shift() ?? answer;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  vi.resetModules();
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = `http://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "RosterSync <rosters@district.test>";
});

afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  delete process.env.MAIL_FROM;
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  firstAnswers.length = 0;
  answer = { status: 200, body: { id: "email_123" } };
});

describe("sendMail with RESEND_API_KEY", () => {
  it("posts the message to Resend with the key and the idempotency key", async () => {
    const { sendMail } = await import("./send-mail");
    const result = await sendMail({
      to: "ann@district.test",
      subject: "You are invited",
      text: "Open https://rs.test/invite/abc",
      html: "<p>Open</p>",
      category: "invitation",
      idempotencyKey: "invitation-42",
    });
    expect(result).toEqual({ id: "email_123", transport: "resend" });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/emails");
    expect(request?.headers.authorization).toBe("Bearer re_test_key");
    expect(request?.headers["idempotency-key"]).toBe("invitation-42");
    expect(request?.body).toMatchObject({
      from: "RosterSync <rosters@district.test>",
      to: "ann@district.test",
      subject: "You are invited",
      text: "Open https://rs.test/invite/abc",
      html: "<p>Open</p>",
    });
  });

  it("sends no idempotency header when none is given", async () => {
    const { sendMail } = await import("./send-mail");
    await sendMail({ to: "b@district.test", subject: "s", text: "t", category: "sign-in" });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
  });

  it("throws a MailError naming the recipient when Resend refuses", async () => {
    answer = { status: 422, body: { name: "validation_error", message: "Invalid `to` field", statusCode: 422 } };
    const { sendMail, MailError } = await import("./send-mail");
    const attempt = sendMail({ to: "bad@district.test", subject: "s", text: "t", category: "sign-in" });
    await expect(attempt).rejects.toBeInstanceOf(MailError);
    await expect(sendMail({ to: "bad@district.test", subject: "s", text: "t", category: "sign-in" })).rejects.toThrow(
      "The mail service refused the message to bad@district.test: Invalid `to` field",
    );
  });

  it("waits and tries again, with the same idempotency key, when Resend answers 429", async () => {
    firstAnswers.push({
      status: 429,
      body: { name: "rate_limit_exceeded", message: "Too many requests", statusCode: 429 },
    });
    const { sendMail } = await import("./send-mail");
    const result = await sendMail({
      to: "c@district.test",
      subject: "s",
      text: "t",
      category: "invitation",
      idempotencyKey: "invitation/7",
    });
    expect(result).toEqual({ id: "email_123", transport: "resend" });
    expect(seen.map((r) => r.headers["idempotency-key"])).toEqual(["invitation/7", "invitation/7"]);
  });

  it("gives up after three rate-limited answers with a MailError", async () => {
    const limited = {
      status: 429,
      body: { name: "rate_limit_exceeded", message: "Too many requests", statusCode: 429 },
    };
    firstAnswers.push(limited, limited, limited);
    const { sendMail } = await import("./send-mail");
    await expect(sendMail({ to: "d@district.test", subject: "s", text: "t", category: "invitation" })).rejects.toThrow(
      "The mail service refused the message to d@district.test: Too many requests",
    );
    expect(seen).toHaveLength(3);
  });
});
