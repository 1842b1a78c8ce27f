import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { A11Y_ORGANIZATION } from "./support/e2e-env.mjs";
import { checkPage, tabTo, VIEWPORTS, type Viewport } from "./support/accessibility";
import { ImportsPage } from "./support/imports-page";
import { latestLinkTo } from "./support/outbox";
import { SignInPage } from "./support/sign-in-page";
import { StaffPage } from "./support/staff-page";

// Every page, in every state a person meets, at a laptop's, a tablet's and a phone's width: axe-core
// finds no WCAG 2.2 AA violation and the page never scrolls sideways. Hillside District (created
// empty by support/start-server.mjs) shows its empty states first, then gets a preview, an applied,
// a held and a failed import; the teacher is Riverside's (seeded with its roster).
// `npm run screenshots` (SCREENSHOTS=1) also writes docs/screenshots/ from this run.

const ADMIN = A11Y_ORGANIZATION.adminEmail;
const TEACHER = "teacher@riverside.test";
const INVITED = "teacher@hillside.test";
const DEMO_ROSTER = path.join(process.cwd(), "lib/demo/demo-roster.csv");
/** Riverside's demo roster, its teacher's address made Hillside's (the mail to it is this spec's). */
const rosterLines = () =>
  readFileSync(DEMO_ROSTER, "utf8").replaceAll("riverside.test", "hillside.test").trim().split("\n");
const csvFile = (name: string, lines: string[]) => ({
  name,
  mimeType: "text/csv",
  buffer: Buffer.from(lines.join("\n")),
});

const SCREENSHOTS = process.env.SCREENSHOTS === "1";
const SCREENSHOT_DIR = path.join(process.cwd(), "docs/screenshots");

async function screenshot(page: Page, name: string, viewport: Viewport) {
  if (!SCREENSHOTS || viewport.name === "tablet") return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${viewport.name}.png`), fullPage: true });
}

test.describe.configure({ mode: "serial" });

let admin: Page;
let imports: ImportsPage;
/** The imports built once the empty states were checked. */
const ids = { applied: "", preview: "", held: "", failed: "", klass: "", student: "", invite: "" };

async function visit(page: Page, url: string, viewport: Viewport, heading?: string | RegExp) {
  await page.goto(url);
  if (heading) await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await checkPage(page, `${url} at ${viewport.name} (${viewport.width} px)`);
}

async function signedIn(browser: Browser, email: string, viewport: Viewport) {
  const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
  await new SignInPage(page).signIn(email);
  return page;
}

test.beforeAll(async ({ browser }) => {
  admin = await browser.newPage();
  imports = new ImportsPage(admin);
  await new SignInPage(admin).signIn(ADMIN);
  await expect(admin.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

test.afterAll(async () => {
  await admin.close();
});

test("an empty district's pages, at every viewport", async () => {
  for (const viewport of VIEWPORTS) {
    await admin.setViewportSize(viewport);
    await visit(admin, "/admin", viewport, "Dashboard");
    await visit(admin, "/admin/imports", viewport, "Import Details");
    await visit(admin, "/admin/imports/new", viewport);
    for (const tab of ["", "/schools", "/classes", "/students", "/staff"])
      await visit(admin, `/admin/roster${tab}`, viewport);
    await visit(admin, "/admin/staff", viewport);
  }
});

test("preview, applied, held and failed imports are built", async () => {
  await admin.setViewportSize(VIEWPORTS[0]);
  ids.applied = await imports.upload(csvFile("roster.csv", rosterLines()));
  await imports.apply();
  await expect(imports.status()).toHaveText("Applied");
  ids.held = await imports.upload(csvFile("truncated.csv", rosterLines().slice(0, 3)));
  await expect(imports.status()).toHaveText("Held for review");
  ids.failed = await imports.upload(csvFile("header-only.csv", rosterLines().slice(0, 1)));
  await expect(imports.status()).toHaveText("Failed");
  const lines = rosterLines();
  const extra = ["2026-27 S1,DEMO-HS,Algebra I,ALG1-01,1,Noah,Kim,S1099,Maria,Rivera,teacher@hillside.test,T100,09"];
  ids.preview = await imports.upload(
    csvFile("roster-monday.csv", [...lines.slice(0, 10), ...extra, ...lines.slice(12)]),
  );
  await expect(imports.status()).toHaveText("Preview");

  await admin.goto("/admin/roster/classes");
  ids.klass = (await admin.locator('main a[href^="/admin/roster/classes/"]').first().getAttribute("href")) ?? "";
  await admin.goto("/admin/roster/students");
  ids.student = (await admin.locator('main a[href^="/admin/roster/students/"]').first().getAttribute("href")) ?? "";
  expect(ids.klass).toMatch(/\/classes\/\d+$/);
  expect(ids.student).toMatch(/\/students\/\d+$/);

  const staff = new StaffPage(admin);
  await staff.goto();
  await staff.invite(INVITED);
  ids.invite = await latestLinkTo(admin, INVITED);
});

for (const viewport of VIEWPORTS) {
  test(`every admin page at ${viewport.name} (${viewport.width} px)`, async () => {
    await admin.setViewportSize(viewport);
    await visit(admin, "/admin", viewport, "Dashboard");
    await screenshot(admin, "dashboard", viewport);
    await visit(admin, "/admin/imports", viewport, "Import Details");
    await screenshot(admin, "import-details", viewport);
    await visit(admin, `/admin/imports/${ids.preview}`, viewport);
    await screenshot(admin, "preview", viewport);
    for (const id of [ids.applied, ids.held, ids.failed]) await visit(admin, `/admin/imports/${id}`, viewport);
    await visit(admin, `/admin/imports/${ids.applied}/undo`, viewport);
    await visit(admin, "/admin/imports?status=failed", viewport);
    for (const tab of ["", "/schools", "/classes", "/students", "/staff"])
      await visit(admin, `/admin/roster${tab}`, viewport);
    await visit(admin, ids.klass, viewport);
    await visit(admin, ids.student, viewport);
    await visit(admin, "/admin/staff", viewport, "Staff");
    for (const tab of ["", "/audit", "/privacy"]) await visit(admin, `/admin/settings${tab}`, viewport);

    // The step that asks for the columns, and the upload form with a file refused.
    await imports.startUpload(csvFile("pupils.csv", ["Building,Kid Code,Given,Family", "900,K-1,Ann,Lee"]), "Students");
    await expect(admin.getByRole("heading", { name: "Match the columns of pupils.csv" })).toBeVisible();
    await checkPage(admin, `the column mapping step at ${viewport.name}`);
  });

  test(`the teacher's and signed-out pages at ${viewport.name} (${viewport.width} px)`, async ({ browser }) => {
    const teacher = await signedIn(browser, TEACHER, viewport);
    await visit(teacher, "/my-classes", viewport, "My classes");
    await screenshot(teacher, "my-classes", viewport);
    await teacher.getByRole("main").getByRole("link").first().click();
    await expect(teacher.getByRole("heading", { level: 1 })).not.toHaveText("My classes");
    await checkPage(teacher, `a class of My classes at ${viewport.name}`);
    await teacher.close();

    const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
    await visit(page, "/sign-in", viewport);
    await new SignInPage(page).requestLink(ADMIN);
    await checkPage(page, `"Check your inbox" at ${viewport.name}`);
    await page.goto(await latestLinkTo(page, ADMIN));
    await checkPage(page, `the sign-in confirmation at ${viewport.name}`);
    await visit(page, "/sign-in/error", viewport);
    await visit(page, ids.invite, viewport);
    await visit(page, `/invite/${"x".repeat(43)}`, viewport);
    await visit(page, "/no-such-page", viewport, "Page not found");
    await page.close();
  });
}
