import { beforeEach, describe, expect, it, vi } from "vitest";

const sent: unknown[] = [];
vi.mock("@/lib/mail/send-mail", () => ({
  sendMail: async (message: unknown) => {
    sent.push(message);
    return { id: "1", transport: "outbox" };
  },
}));

const { confirmUrlFor, sendSignInLink } = await import("./magic-link-mail");

const callback =
  "https://rs.example.org/api/auth/callback/email?callbackUrl=https%3A%2F%2Frs.example.org%2F&token=abc123&email=ann%40d.test";

describe("confirmUrlFor", () => {
  it("points at the confirm page with the same parameters, so a GET cannot sign in", () => {
    const url = new URL(confirmUrlFor(callback));
    expect(url.origin).toBe("https://rs.example.org");
    expect(url.pathname).toBe("/sign-in/confirm");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      callbackUrl: "https://rs.example.org/",
      token: "abc123",
      email: "ann@d.test",
    });
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
    expect(mail.text).toContain("https://rs.example.org/sign-in/confirm?callbackUrl=");
    expect(mail.text).not.toContain("/api/auth/callback");
    expect(mail.html).not.toContain("/api/auth/callback");
    expect(mail.text).toContain("expires in 60 minutes");
    expect(mail.html).toContain("&#38;token=abc123"); // the & is escaped in the HTML body
  });
});
