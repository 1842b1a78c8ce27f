import { beforeEach, describe, expect, it, vi } from "vitest";

const sent: unknown[] = [];
vi.mock("@/lib/mail/send-mail", () => ({
  sendMail: async (message: unknown) => {
    sent.push(message);
    return { id: "1", transport: "outbox" };
  },
}));

const { confirmUrlFor, sendSignInLink } = await import("./magic-link-mail");
const { publicBaseUrl } = await import("@/lib/public-url");
const base = publicBaseUrl();

const callback = `${base}/api/auth/callback/email?callbackUrl=${encodeURIComponent(`${base}/admin`)}&token=abc123&email=ann%40d.test`;
// What Auth.js builds when a request carries X-Forwarded-Host: evil.test (AUTH_TRUST_HOST=true).
const forged =
  "http://evil.test/api/auth/callback/email?callbackUrl=http%3A%2F%2Fevil.test%2Fsteal&token=abc123&email=ann%40d.test";

describe("confirmUrlFor", () => {
  it("points at the confirm page with the same parameters, so a GET cannot sign in", () => {
    const url = new URL(confirmUrlFor(callback));
    expect(url.origin).toBe(base);
    expect(url.pathname).toBe("/sign-in/confirm");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      callbackUrl: "/admin",
      token: "abc123",
      email: "ann@d.test",
    });
  });

  it("is on the configured public address whatever host the request named (forged X-Forwarded-Host)", () => {
    const url = new URL(confirmUrlFor(forged));
    expect(url.origin).toBe(base);
    expect(url.searchParams.get("callbackUrl")).toBe("/");
    expect(url.toString()).not.toContain("evil.test");
  });
});

describe("sendSignInLink", () => {
  beforeEach(() => {
    sent.length = 0;
  });

  it("mails the confirm link, never Auth.js's callback URL, with its lifetime", async () => {
    await sendSignInLink({ identifier: "ann@d.test", url: callback, expires: new Date(Date.now() + 60 * 60 * 1000) });
    expect(sent).toHaveLength(1);
    const mail = sent[0] as { to: string; subject: string; text: string; html: string; category: string };
    expect(mail.to).toBe("ann@d.test");
    expect(mail.category).toBe("sign-in");
    expect(mail.text).toContain(`${base}/sign-in/confirm?token=abc123`);
    expect(mail.text).not.toContain("/api/auth/callback");
    expect(mail.html).not.toContain("/api/auth/callback");
    expect(mail.text).toContain("expires in 60 minutes");
    expect(mail.html).toContain("&#38;email=ann"); // the & is escaped in the HTML body
  });

  it("mails no link to a host the request chose", async () => {
    await sendSignInLink({ identifier: "ann@d.test", url: forged, expires: new Date(Date.now() + 60 * 60 * 1000) });
    const mail = sent[0] as { text: string; html: string };
    expect(mail.text).not.toContain("evil.test");
    expect(mail.html).not.toContain("evil.test");
    expect(mail.text).toContain(`${base}/sign-in/confirm?token=abc123`);
  });
});
