import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { serverLogFor } from "./support/e2e-env.mjs";
import { InvitationPage } from "./support/invitation-page";
import { MockIdp, type ProviderKind } from "./support/mock-idp";
import { MyClassesPage } from "./support/my-classes-page";
import { latestLinkTo, outboxCount } from "./support/outbox";
import { combinedCsv, importRoster } from "./support/roster-import";
import { SignInPage } from "./support/sign-in-page";
import { StaffPage } from "./support/staff-page";

// Single sign-on through Auth.js against a local OpenID Connect server (oauth2-mock-server) that
// the test starts on its own loopback port; the app's server is configured with every provider
// kind pointing at it (e2e/support/e2e-env.mjs), and each kind signs in with its documented claims
// (e2e/support/mock-idp.ts). Who may sign in is the emailed link's rule, by the verified address.

const ADMIN = "admin@demo.test";
const port = process.env.E2E_PORT ?? "3210";
const run = Date.now().toString(36);
const school = `SSO-${run}`;
const ana = `ana.sso.${run}@demo.test`;
const stranger = `stranger.${run}@elsewhere.test`;
const BUTTON: Record<ProviderKind, string> = {
  google: "Google",
  "microsoft-entra-id": "Microsoft",
  clever: "Clever",
  classlink: "ClassLink",
  oidc: "District SSO",
};
const KINDS = Object.keys(BUTTON) as ProviderKind[];

let idp: MockIdp;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  idp = await MockIdp.start(port);
});

test.afterAll(async ({ browser }) => {
  // The demo organization is shared with the other specs: staff sign in any way again.
  const admin = await signedInAdmin(browser);
  await setStaffSignIn(admin.page, "With an emailed link or any button");
  await admin.page.context().close();
  await idp.stop();
});

async function signedInAdmin(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(ADMIN);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  return { context, page };
}

async function ssoSignIn(page: Page, kind: ProviderKind, email: string, overrides: Record<string, unknown> = {}) {
  idp.signInAs(kind, email, overrides);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${BUTTON[kind]}` }).click();
}

async function setStaffSignIn(page: Page, option: string) {
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Sign-in settings" });
  await form.getByLabel("Staff sign in").selectOption({ label: option });
  await form.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(page.getByText("Sign-in settings saved.")).toBeVisible();
}

const sessionUserId = async (page: Page) =>
  ((await (await page.request.get("/api/auth/session")).json()) as { user?: { id?: string } }).user?.id;

test("the sign-in page shows a button per configured provider above the email form", async ({ page }) => {
  await page.goto("/sign-in");
  const buttons = page.getByRole("list", { name: "Single sign-on" }).getByRole("button");
  await expect(buttons).toHaveText(KINDS.map((kind) => `Sign in with ${BUTTON[kind]}`));
  const buttonsTop = (await buttons.first().boundingBox())?.y ?? Infinity;
  const emailTop = (await page.getByLabel("Work email").boundingBox())?.y ?? -Infinity;
  expect(buttonsTop).toBeLessThan(emailTop);
});

test("the admin signs in with every provider kind and is the same user as by the emailed link", async ({ browser }) => {
  const byLink = await signedInAdmin(browser);
  const userId = await sessionUserId(byLink.page);
  expect(userId).toBeTruthy();
  await byLink.context.close();

  for (const kind of KINDS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await ssoSignIn(page, kind, kind === "clever" ? ADMIN.toUpperCase() : ADMIN); // case does not matter
    await expect(page.getByRole("heading", { name: "Dashboard" }), kind).toBeVisible();
    expect(await sessionUserId(page), kind).toBe(userId);
    // A database session, like the emailed link's: an opaque http-only cookie.
    const cookie = (await context.cookies()).find((c) => c.name === "authjs.session-token");
    expect(cookie?.httpOnly, kind).toBe(true);
    await context.close();
  }
});

test("an unknown person is refused with the neutral page", async ({ page }) => {
  await ssoSignIn(page, "google", stranger);
  await expect(page.getByRole("heading", { name: "This account cannot sign in" })).toBeVisible();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("an unverified email is refused, even the admin's", async ({ page }) => {
  await ssoSignIn(page, "clever", ADMIN, { email_verified: false }); // Clever's default
  await expect(page.getByRole("heading", { name: "Your account's email is not verified" })).toBeVisible();
  await ssoSignIn(page, "microsoft-entra-id", ADMIN, { xms_edov: false });
  await expect(page.getByRole("heading", { name: "Your account's email is not verified" })).toBeVisible();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("an invited teacher refused with the wrong account, then accepts with the right one and lands on My classes", async ({
  browser,
}) => {
  const admin = await signedInAdmin(browser);
  await importRoster(
    admin.page,
    "sso-roster.csv",
    combinedCsv([
      {
        school,
        classId: `SSO-ALG-${run}`,
        className: "SSO Algebra",
        period: "1",
        student: ["Maya", "Ross", `SSO-S1-${run}`],
        teacher: ["Ana", "Sso", ana],
      },
    ]),
    { staffCreated: 1 },
  );
  const staff = new StaffPage(admin.page);
  await staff.goto();
  await staff.invite(ana);
  const link = await latestLinkTo(admin.page, ana);

  const context = await browser.newContext();
  const page = await context.newPage();
  const invitation = new InvitationPage(page);
  await invitation.open(link);
  for (const kind of KINDS)
    await expect(page.getByRole("button", { name: `Accept with ${BUTTON[kind]}` })).toBeVisible();

  // The wrong account: refused, the page names neither address beyond the invitation's own.
  idp.signInAs("google", stranger);
  await page.getByRole("button", { name: "Accept with Google" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not the one this invitation was sent to" })).toBeVisible();
  await expect(page.getByText(stranger)).toHaveCount(0);
  await page.goto("/my-classes");
  await expect(page).toHaveURL(/\/sign-in$/);

  // The right account, through Microsoft.
  await invitation.open(link);
  idp.signInAs("microsoft-entra-id", ana);
  await page.getByRole("button", { name: "Accept with Microsoft" }).click();
  await new MyClassesPage(page).expectOpen();
  await expect(page.getByRole("link", { name: "SSO Algebra", exact: true })).toBeVisible();
  await staff.goto();
  await expect(staff.status(ana)).toHaveText("Active");
  await context.close();
  await admin.context.close();
});

test("an organization whose staff sign in with Google only: no email form for its staff, admins unaffected", async ({
  browser,
}) => {
  const admin = await signedInAdmin(browser);
  await setStaffSignIn(admin.page, "With Google only");

  const context = await browser.newContext();
  const page = await context.newPage();
  const mailsBefore = await outboxCount(admin.page, ana);
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill(ana);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("Your district has staff sign in with Google");
  await expect(page.getByLabel("Work email")).toHaveCount(0);
  expect(await outboxCount(admin.page, ana)).toBe(mailsBefore);

  // Another provider is refused for staff; Google lets them in.
  await ssoSignIn(page, "microsoft-entra-id", ana);
  await expect(page.getByRole("heading", { name: "This account cannot sign in" })).toBeVisible();
  await ssoSignIn(page, "google", ana);
  await new MyClassesPage(page).expectOpen();

  await context.close();

  // The admin still gets an emailed link and can use any provider.
  for (const how of ["link", "classlink"] as const) {
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    if (how === "link") await new SignInPage(adminPage).signIn(ADMIN);
    else await ssoSignIn(adminPage, how, ADMIN);
    await expect(adminPage.getByRole("heading", { name: "Dashboard" }), how).toBeVisible();
    await adminContext.close();
  }
  await admin.context.close();
});

test("a deactivated teacher's single sign-on session ends, and they cannot sign in again", async ({ browser }) => {
  const admin = await signedInAdmin(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  await ssoSignIn(page, "google", ana);
  await new MyClassesPage(page).expectOpen();

  const staff = new StaffPage(admin.page);
  await staff.goto();
  await staff.row(ana).getByRole("button", { name: "Deactivate Sso, Ana" }).click();
  await staff.row(ana).getByRole("button", { name: "Yes, deactivate" }).click();
  await expect(staff.status(ana)).toHaveText("Deactivated");

  await page.reload();
  await expect(page).toHaveURL(/\/sign-in$/);
  await ssoSignIn(page, "google", ana);
  await expect(page.getByRole("heading", { name: "This account cannot sign in" })).toBeVisible();
  await context.close();
  await admin.context.close();
});

test("privacy canary: no provider token and no signed-in address in the server's log", () => {
  const log = readFileSync(serverLogFor(port), "utf8");
  expect(idp.issuedTokens.length).toBeGreaterThan(5);
  const leaks = [...idp.issuedTokens, ana, stranger].filter((secret) => log.includes(secret));
  expect(leaks).toEqual([]);
});
