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

// axe-core takes a second or more per page on a busy machine: each tour has minutes, not one.
test.describe.configure({ mode: "serial", timeout: 300_000 });

let admin: Page;
let imports: ImportsPage;
/** The imports built once the empty states were checked. */
const ids = { applied: "", preview: "", held: "", failed: "", klass: "", student: "", invite: "" };

async function visit(page: Page, url: string, viewport: Viewport, heading?: string | RegExp) {
  await page.goto(url);
  if (heading) await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await checkPage(page, `${url} at ${viewport.name} (${viewport.width} px)`);
}

/** The first link to one record (a class, a student) in a roster list. */
async function firstRecordLink(page: Page, list: "classes" | "students") {
  const hrefs = await page
    .locator(`main a[href^="/admin/roster/${list}/"]`)
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.find((href) => /\/\d+$/.test(href)) ?? "";
}

/** A page in a context of its own (axe-core needs one made by browser.newContext()). */
async function newPage(browser: Browser, viewport: Viewport) {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
  return context.newPage();
}

async function signedIn(browser: Browser, email: string, viewport: Viewport) {
  const page = await newPage(browser, viewport);
  await new SignInPage(page).signIn(email);
  return page;
}

test.beforeAll(async ({ browser }) => {
  admin = await (await browser.newContext()).newPage();
  imports = new ImportsPage(admin);
  await new SignInPage(admin).signIn(ADMIN);
  await expect(admin.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

test.afterAll(async () => {
  await admin.context().close();
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
  ids.klass = await firstRecordLink(admin, "classes");
  await admin.goto("/admin/roster/students");
  ids.student = await firstRecordLink(admin, "students");
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
    if (viewport.name === "phone") {
      // One card per class, each a link a thumb can hit (44 px at least, WCAG 2.5.5's size).
      const card = teacher
        .getByRole("list", { name: /^Classes in / })
        .first()
        .getByRole("link")
        .first();
      expect((await card.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
    await teacher.getByRole("main").getByRole("link").first().click();
    await expect(teacher.getByRole("heading", { level: 1 })).not.toHaveText("My classes");
    await checkPage(teacher, `a class of My classes at ${viewport.name}`);
    await teacher.context().close();

    const page = await newPage(browser, viewport);
    await visit(page, "/sign-in", viewport);
    await new SignInPage(page).requestLink(ADMIN);
    await checkPage(page, `"Check your inbox" at ${viewport.name}`);
    await page.goto(await latestLinkTo(page, ADMIN));
    await checkPage(page, `the sign-in confirmation at ${viewport.name}`);
    await visit(page, "/sign-in/error", viewport);
    await visit(page, ids.invite, viewport);
    await visit(page, `/invite/${"x".repeat(43)}`, viewport);
    await visit(page, "/no-such-page", viewport, "Page not found");
    await page.context().close();
  });
}

test("a keyboard alone skips to the content, sees where the focus is, and uploads, previews and applies", async () => {
  await admin.setViewportSize(VIEWPORTS[0]);
  await admin.goto("/admin");
  await admin.keyboard.press("Tab");
  const skip = admin.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  expect((await skip.boundingBox())?.width ?? 0).toBeGreaterThan(50); // shown once focused
  await admin.keyboard.press("Enter");
  await expect(admin.locator("main#main")).toBeFocused();

  const link = admin.getByRole("link", { name: "All imports" });
  await tabTo(admin, link);
  const ring = await link.evaluate((element) => getComputedStyle(element));
  expect(ring.outlineStyle).toBe("solid");
  expect(parseFloat(ring.outlineWidth)).toBeGreaterThanOrEqual(2);

  await admin.goto("/admin/imports/new");
  const fileInput = admin.locator('input[type="file"]');
  await tabTo(admin, fileInput);
  const chooser = admin.waitForEvent("filechooser");
  await admin.keyboard.press("Space");
  const lines = rosterLines();
  const newStudent = "2026-27 S1,DEMO-HS,Geometry,GEO-03,3,Kai,Lopez,S1077,Maria,Rivera,teacher@hillside.test,T100,10";
  await (await chooser).setFiles(csvFile("keyboard.csv", [...lines, newStudent]));
  const upload = admin.getByRole("button", { name: "Upload and preview" });
  await tabTo(admin, upload);
  await admin.keyboard.press("Enter");
  await admin.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
  await expect(imports.status()).toHaveText("Preview");
  await expect(imports.count("students", "created")).toHaveText("1");
  const apply = admin.getByRole("button", { name: "Apply", exact: true });
  await tabTo(admin, apply);
  await admin.keyboard.press("Enter");
  await expect(imports.status()).toHaveText("Applied", { timeout: 60_000 });
});

test("the mapping step's selects are named by their visible labels and say they are required", async () => {
  await imports.startUpload(csvFile("pupils.csv", ["Building,Kid Code,Given,Family", "900,K-1,Ann,Lee"]), "Students");
  const studentId = admin.getByRole("combobox", { name: "Student id" });
  await expect(studentId).toHaveAccessibleName("Student id");
  await expect(studentId).toHaveJSProperty("required", true);
  await expect(admin.getByText("Student id", { exact: true })).toBeVisible();
  await expect(admin.getByRole("combobox", { name: "Email" })).toHaveJSProperty("required", false);
});

test("each step of an upload is announced to a screen reader", async () => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await admin.route("**/admin/imports/upload**", async (route) => {
    await held;
    await route.continue();
  });
  await imports.startUpload(csvFile("slow.csv", rosterLines()));
  const announcement = admin.getByRole("status");
  await expect(announcement).toHaveAttribute("aria-live", "polite");
  await expect(announcement).toHaveText(/^(Uploading|Reading and checking rows)$/);
  release();
  await admin.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
  await admin.unrouteAll();
  await imports.discard();
});

test("on a phone and a tablet the sections are behind a Menu button", async () => {
  for (const viewport of VIEWPORTS.slice(1)) {
    await admin.setViewportSize(viewport);
    await admin.goto("/admin");
    const menu = admin.getByRole("button", { name: "Menu" });
    const roster = admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roster" });
    await expect(roster).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await roster.click();
    await expect(admin).toHaveURL(/\/admin\/roster$/);
    await expect(roster).toBeHidden();
  }
  await admin.setViewportSize(VIEWPORTS[0]);
  await admin.goto("/admin");
  await expect(admin.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roster" })).toBeVisible();
});
