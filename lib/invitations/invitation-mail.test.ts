import { describe, expect, it } from "vitest";
import { extractLinks } from "@/lib/mail/outbox";
import { invitationMail } from "./invitation-mail";

const input = {
  organizationName: "Lincoln <Unified>",
  inviter: "Dana Admin",
  firstName: "Ana",
  link: "https://rosters.lincoln.test/invite/abc_DEF-123",
  expiresAt: new Date("2026-09-08T17:00:00Z"),
  timeZone: "America/Chicago",
};

describe("invitationMail", () => {
  it("names the district and the inviting admin in subject and text", () => {
    const mail = invitationMail(input);
    expect(mail.subject).toBe("Dana Admin invited you to Lincoln <Unified> on RosterSync");
    expect(mail.text).toContain("Hello Ana,");
    expect(mail.text).toContain("Dana Admin invited you to see your class rosters for Lincoln <Unified>");
    expect(mail.text).toContain("expires in 7 days (September 8, 2026 at 12:00 PM)");
  });

  it("carries exactly one link, the accept page, in both bodies", () => {
    const mail = invitationMail(input);
    expect(extractLinks(mail.text)).toEqual([input.link]);
    expect(mail.html.match(/href="/g)).toHaveLength(1);
    expect(mail.html).toContain(`href="${input.link}"`);
  });

  it("escapes names in the HTML body", () => {
    const mail = invitationMail({ ...input, firstName: "<b>Ana</b>" });
    expect(mail.html).toContain("Lincoln &#60;Unified&#62;");
    expect(mail.html).toContain("Hello &#60;b&#62;Ana&#60;/b&#62;,");
    expect(mail.html).not.toContain("<Unified>");
  });
});
