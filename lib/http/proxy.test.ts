import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const at = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
  proxy(new NextRequest(`http://localhost:3000${path}`, init));

describe("proxy", () => {
  it("redirects a GET whose query holds a control character to the same address without it", async () => {
    const response = at("/admin/roster/students?q=%00&status=all");
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe("http://localhost:3000/admin/roster/students?q=&status=all");
    expect(at("/admin/roster/students/export?q=Ann%0A%7F").headers.get("location")).toBe(
      "http://localhost:3000/admin/roster/students/export?q=Ann",
    );
  });

  it("refuses a post whose query holds one, and a query that is not valid percent-encoding", () => {
    expect(at("/sign-in?x=%00", { method: "POST" }).status).toBe(400);
    expect(at("/admin/roster/students?q=%E0%A4%A").status).toBe(308);
  });

  it("refuses an oversized sign-in post (413) before anything reads it", () => {
    const big = { method: "POST", headers: { "content-length": String(2 * 1024 * 1024) } };
    expect(at("/sign-in", big).status).toBe(413);
    expect(at("/api/auth/signin/email", { method: "POST", headers: { "content-length": "20000" } }).status).toBe(413);
    expect(at("/admin/staff", big).status).toBe(413);
    expect(at("/admin/imports/upload?kind=combined&name=a.csv", big).status).toBe(200); // its own limit
  });

  it("sets a CSP with a fresh nonce and no 'unsafe-inline' script, and hands the nonce to Next", () => {
    const first = at("/sign-in");
    const second = at("/sign-in");
    const policy = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    const scriptSrc = policy.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });

  it("sends HSTS only when served over https", () => {
    expect(at("/sign-in").headers.get("strict-transport-security")).toBeNull();
    expect(
      at("/sign-in", { headers: { "x-forwarded-proto": "https" } }).headers.get("strict-transport-security"),
    ).toContain("max-age=63072000");
  });
});
