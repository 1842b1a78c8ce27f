import { expect, test } from "@playwright/test";

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
  }
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
