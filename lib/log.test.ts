import { afterEach, describe, expect, it } from "vitest";
import { captureLog, log, redact, redactText } from "./log";

const lines: string[] = [];
let stop: () => void = () => {};
afterEach(() => {
  stop();
  lines.length = 0;
});
const capture = () => {
  stop = captureLog((line) => lines.push(line));
};

describe("the logger", () => {
  it("writes one JSON line with the level, the message and the fields", () => {
    capture();
    log.error("invitation mail not sent", { organizationId: "org-1", invitationId: "inv-1" });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? "{}");
    expect(line).toMatchObject({
      level: "error",
      msg: "invitation mail not sent",
      organizationId: "org-1",
      invitationId: "inv-1",
    });
  });

  it("never writes an email address, a person's name or a query's values", () => {
    capture();
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "staff_email"'), {
      code: "23505",
    });
    log.error("could not save pat.quill@school.example", {
      to: "pat.quill@school.example",
      staff: { firstName: "Quillon", lastName: "Vexmoor", email: "pat.quill@school.example" },
      url: "https://app.example/admin/roster/students?q=Quillon&page=2",
      error: new Error("Failed query: update staff set first_name = $1\nparams: Quillon,pat.quill@school.example", {
        cause,
      }),
      detail: "Key (email)=(pat.quill@school.example) already exists.",
    });
    const text = lines.join("\n");
    expect(text).not.toContain("Quillon");
    expect(text).not.toContain("Vexmoor");
    expect(text).not.toContain("pat.quill");
    // what is useful stays
    expect(text).toContain("Failed query: update staff set first_name");
    expect(text).toContain("[23505]");
    expect(text).toContain("/admin/roster/students?[redacted]");
    expect(text).toContain("Key (email)=([redacted])");
  });

  it("keeps ids, numbers and booleans", () => {
    expect(redact({ organizationId: "o", count: 3, ok: false, at: new Date(0) })).toEqual({
      organizationId: "o",
      count: 3,
      ok: false,
      at: "1970-01-01T00:00:00.000Z",
    });
  });

  it("redacts addresses inside any text", () => {
    expect(redactText("mail to a.b+c@d-e.example.org failed")).toBe("mail to [email] failed");
  });
});
