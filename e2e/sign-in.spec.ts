import { expect, test } from "@playwright/test";
import { latestLinkTo, outboxCount } from "./support/outbox";
import { SignInPage } from "./support/sign-in-page";

const ADMIN = "admin@demo.test";

test("a signed-out visitor to /admin lands on the sign-in page", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("an admin signs in with a magic link, sees the dashboard and signs out", async ({ page }) => {
  await new SignInPage(page).signIn(ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("organization-name")).toHaveText("Demo District");
  for (const item of ["Dashboard", "Imports", "Roster", "Staff", "Settings"]) {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: item })).toBeVisible();
  }
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Imports" }).click();
  await expect(page.getByRole("heading", { name: "Import Details" })).toBeVisible();

  await page.locator("header summary").click(); // the account menu
  await page.locator("header").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("an unknown email gets the same answer and no mail", async ({ page }) => {
  const stranger = `stranger-${Date.now()}@elsewhere.test`;
  await new SignInPage(page).requestLink(stranger);
  await expect(page.getByText("If that address belongs to a RosterSync account")).toBeVisible();
  expect(await outboxCount(page, stranger)).toBe(0);
});

test("a mail scanner opening the link does not use it up; the link works once", async ({ page, request }) => {
  const signIn = new SignInPage(page);
  await signIn.requestLink(ADMIN);
  const link = await latestLinkTo(page, ADMIN);
  expect(new URL(link).pathname).toBe("/sign-in/confirm");

  // The scanner follows the link with GET, twice.
  for (let i = 0; i < 2; i++) expect((await request.get(link)).status()).toBe(200);

  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // Used once: a second press of the same link is refused with a clear page.
  await page.context().clearCookies();
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("an admin without a staff role gets 404 on My classes", async ({ page }) => {
  await new SignInPage(page).signIn(ADMIN);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const response = await page.goto("/my-classes");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the admin shell is readable on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await new SignInPage(page).signIn(ADMIN);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  // The sections sit behind the Menu button on a phone.
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roster" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});

test("posting straight to Auth.js for an unknown email sends no mail either", async ({ page, request }) => {
  const stranger = `direct-${Date.now()}@elsewhere.test`;
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/signin/email", {
    form: { csrfToken, email: stranger, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(new URL(response.headers()["location"] ?? "", "http://x").pathname).toBe("/sign-in/check-email");
  expect(await outboxCount(page, stranger)).toBe(0);
});

test("the session endpoint shows who is signed in, never the session token", async ({ page }) => {
  await new SignInPage(page).signIn(ADMIN);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const session = (await (await page.request.get("/api/auth/session")).json()) as Record<string, unknown>;
  expect(session).toMatchObject({ user: { email: ADMIN } });
  expect(JSON.stringify(session)).not.toMatch(/sessionToken|emailVerified/);
  const cookie = (await page.context().cookies()).find((c) => c.name === "authjs.session-token");
  expect(cookie?.httpOnly).toBe(true);
  expect(JSON.stringify(session)).not.toContain(cookie?.value ?? "no-cookie");
});

test("a mistyped email is refused on the form, kept in the field, and nothing is mailed", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill("admin at demo.test");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByLabel("Work email")).toHaveValue("admin at demo.test");
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await outboxCount(page, "admin at demo.test")).toBe(0);
});

test("a sign-in link cut short says so and offers a new one", async ({ page }) => {
  await page.goto("/sign-in/confirm?email=admin%40demo.test");
  await expect(page.getByRole("heading", { name: "This link is incomplete" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toHaveCount(0);
  await page.getByRole("link", { name: "ask for a new one" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a forged token is refused with the expired-link page", async ({ page }) => {
  await page.goto(`/sign-in/confirm?token=${"f".repeat(64)}&email=admin%40demo.test&callbackUrl=%2F`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in$/);
});
