import { expect, test } from "@playwright/test";
import { latestLinkTo } from "./support/outbox";
import { SignInPage } from "./support/sign-in-page";

// Every response carries the security headers of lib/http/security-headers.ts; pages whose URL
// holds a secret send no Referer. Pages still work under the CSP (the rest of the suite runs
// under it; here: the sign-in page hydrates and reports no CSP violation).

test("pages, routes and assets carry the security headers", async ({ request }) => {
  for (const path of [
    "/sign-in",
    "/api/v1/imports/00000000-0000-0000-0000-000000000000",
    // Single sign-on: Auth.js's provider routes.
    "/api/auth/providers",
    "/api/auth/signin/google",
    "/sign-in/error?error=UnverifiedEmail",
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("default-src 'self'");
    expect(headers["content-security-policy"], path).toContain("object-src 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    // Served over http here: no HSTS (a browser would pin http to https for a host that has none).
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
});

test("scripts run by nonce, never 'unsafe-inline'; each page gets a fresh nonce, and Next's scripts carry it", async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const response = await request.get("/sign-in");
    const policy = response.headers()["content-security-policy"] ?? "";
    const scriptSrc = policy.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc).not.toContain("unsafe-inline");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1] ?? "";
    expect(nonce).not.toBe("");
    nonces.add(nonce);
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(2);
});

test("HSTS when the app is served over https (a TLS-terminating proxy says so)", async ({ request }) => {
  const response = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toContain("max-age=63072000");
});

test("a sign-in link with a hostile callbackUrl lands on the sign-in error page, not a 500", async ({ request }) => {
  for (const callbackUrl of ["javascript:alert(1)", "http://evil.test/steal", "//evil.test", "%%%"]) {
    const response = await request.post(
      `/api/auth/callback/email?${new URLSearchParams({ token: "not-a-token", email: "a@b.test", callbackUrl })}`,
      { maxRedirects: 0 },
    );
    expect(response.status(), callbackUrl).toBeLessThan(500);
    expect(response.headers()["location"] ?? "", callbackUrl).toMatch(/^(https?:\/\/[^/]+)?\/sign-in\/error/);
  }
});

test("oversized sign-in posts answer 413, and Auth.js's endpoint stops reading past a small limit", async ({
  request,
}) => {
  const multipart = await request.post("/sign-in", {
    multipart: { email: "a@b.test", padding: "x".repeat(2 * 1024 * 1024) },
    headers: { origin: "http://localhost", "next-action": "0".repeat(42) },
    maxRedirects: 0,
  });
  expect(multipart.status()).toBe(413);
  const email = await request.post("/api/auth/signin/email", {
    form: { email: "a@b.test", csrfToken: "x", padding: "y".repeat(100_000) },
    maxRedirects: 0,
  });
  expect(email.status()).toBe(413);
});

test("a control character in a query gives neither a 500 nor a cut CSV", async ({ page }) => {
  await new SignInPage(page).signIn("admin@riverside.test");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  // The roster's lists, and the Staff page (the Roster's Staff tab redirects there).
  for (const list of ["/admin/roster/students", "/admin/staff", "/admin/roster/classes", "/admin/roster/schools"]) {
    const response = await page.goto(`${list}?q=%00&status=all`);
    expect(response?.status(), list).toBe(200);
    expect(new URL(page.url()).pathname, list).toBe(list);
    expect(new URL(page.url()).searchParams.get("q"), list).toBe("");
  }
  const clean = await page.request.get("/admin/roster/students/export?status=all");
  const dirty = await page.request.get("/admin/roster/students/export?status=all&q=%00");
  expect(dirty.status()).toBe(200);
  expect(await dirty.text()).toBe(await clean.text());
  expect((await clean.text()).split("\n").length).toBeGreaterThan(2);
});

test("a sign-in link stops working once a newer one is requested", async ({ page }) => {
  const email = "admin@riverside.test";
  const signIn = new SignInPage(page);
  await signIn.requestLink(email);
  const older = await latestLinkTo(page, email);
  await signIn.requestLink(email);
  const newer = await latestLinkTo(page, email);
  expect(newer).not.toBe(older);
  await page.goto(older);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\/error/);
  await page.goto(newer);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

test("invitation and sign-in link pages send no referrer", async ({ request }) => {
  for (const path of [
    "/invite/not-a-real-token",
    "/invite/not-a-real-token?sso=other-account",
    // A provider's callback holds its one-time code (a forged one is refused).
    "/api/auth/callback/google?code=forged&state=forged",
    "/api/auth/callback/microsoft-entra-id?code=forged&state=forged",
    "/sign-in/confirm?token=x&email=a%40b.test",
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["referrer-policy"], path).toBe("no-referrer");
    expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});

test("the sign-in page runs under the CSP without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill("nobody@example.test");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  expect(violations).toEqual([]);
});
