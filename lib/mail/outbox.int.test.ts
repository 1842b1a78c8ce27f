import { describe, expect, it } from "vitest";
import { unique } from "@/tests/support/factories";
import { listOutbox } from "./outbox";
import { sendMail } from "./send-mail";

describe("sendMail without RESEND_API_KEY", () => {
  it("keeps the mail in the outbox, newest first, with its links", async () => {
    const to = `ann-${unique()}@district.test`;
    const first = await sendMail({ to, subject: "First", text: "one https://rs.test/a", category: "sign-in" });
    await sendMail({
      to,
      subject: "Second",
      text: "two https://rs.test/b and https://rs.test/c",
      html: "<p>two</p>",
      category: "invitation",
    });
    await sendMail({ to: `other-${unique()}@district.test`, subject: "Else", text: "x", category: "sign-in" });
    expect(first.transport).toBe("outbox");

    const mine = await listOutbox({ to: to.toUpperCase() });
    expect(mine.map((m) => [m.subject, m.links])).toEqual([
      ["Second", ["https://rs.test/b", "https://rs.test/c"]],
      ["First", ["https://rs.test/a"]],
    ]);
    expect(mine[0]).toMatchObject({
      category: "invitation",
      html: "<p>two</p>",
      from: "RosterSync <no-reply@rostersync.local>",
    });
    expect(await listOutbox({ to, limit: 1 })).toHaveLength(1);
  });
});
