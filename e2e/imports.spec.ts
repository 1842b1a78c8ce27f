import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ImportsPage } from "./support/imports-page";
import { SignInPage } from "./support/sign-in-page";

// An admin's week: upload, preview, apply, review Import Details, fix columns, review a hold.
// Demo District starts empty (the seeded demo roster is Riverside District's), but the dashboard's
// counts are checked against what they were before this file's first upload all the same.

const ADMIN = "admin@demo.test";
const fixture = (name: string) => path.join(process.cwd(), "lib/import/fixtures/dialects", name);
const COMBINED_HEADER =
  "Term,School ID,Class Name,Class ID,Class Period,Student First,Student Last,Student ID,Teacher First,Teacher Last,Teacher Email,Staff ID";
const csvFile = (name: string, lines: string[]) => ({
  name,
  mimeType: "text/csv",
  buffer: Buffer.from(lines.join("\r\n")),
});

test.describe.configure({ mode: "serial" });

let page: Page;
let imports: ImportsPage;

/** The dashboard's counts before this file imported anything. */
const before = { classes: 0, students: 0, notInvited: 0 };
const plus = (base: number, n: number) => (base + n).toLocaleString("en-US");

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  imports = new ImportsPage(page);
  await new SignInPage(page).signIn(ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
  const number = async (testId: string) =>
    Number((await page.getByTestId(testId).innerText()).match(/[\d,]+/)?.[0]?.replaceAll(",", "") ?? 0);
  before.classes = await number("count-classes");
  before.students = await number("count-students");
  before.notInvited = await number("not-invited");
});

test.afterAll(async () => {
  await page.close();
});

test("upload the combined CSV, preview the counts, apply, and find it on Import Details", async () => {
  await imports.upload(fixture("gradecam-combined.csv"));
  await expect(imports.status()).toHaveText("Preview");
  await expect(page.getByTestId("preview-banner")).toBeVisible();
  await expect(imports.count("classes", "created")).toHaveText("3");
  await expect(imports.count("students", "created")).toHaveText("6");
  await expect(imports.count("staff", "created")).toHaveText("3");
  await expect(imports.count("enrollments", "created")).toHaveText("7");
  await expect(imports.count("assignments", "created")).toHaveText("4");
  await expect(page.getByTestId("samples")).toContainText("Algebra I (48213");
  await expect(page.getByTestId("count-classes")).toHaveCount(0); // nothing applied yet: not the dashboard

  await imports.apply();
  await expect(imports.status()).toHaveText("Applied");
  await expect(page.getByTestId("new-staff")).toContainText("ana.perez@lincoln-usd.test");

  await page.getByRole("link", { name: "← Import Details" }).click();
  const row = page.getByTestId("import-row").first();
  await expect(row).toContainText("gradecam-combined.csv");
  await expect(row).toContainText("Upload");
  await expect(row).toContainText(ADMIN);
  await expect(row.getByTestId("status-badge")).toHaveText("Applied");
  await expect(row).toContainText("+3 classes, 6 students, 3 staff, 7 enrollments added");

  await page.goto("/admin");
  await expect(page.getByTestId("count-classes")).toHaveText(plus(before.classes, 3));
  await expect(page.getByTestId("last-import")).toContainText("gradecam-combined.csv");
  await expect(page.getByTestId("not-invited")).toContainText(`${plus(before.notInvited, 3)} staff not yet invited`);
});

test("the same file again is unchanged, and so is the same roster as XLSX", async () => {
  await imports.upload(fixture("gradecam-combined.csv"));
  await expect(imports.status()).toHaveText("Unchanged");
  await expect(page.getByText("byte-for-byte the one already applied")).toBeVisible();

  await imports.upload(fixture("combined.xlsx"));
  await expect(imports.status()).toHaveText("Preview");
  await expect(imports.count("classes", "created")).toHaveText("0");
  await expect(page.getByTestId("counts-classes")).toContainText("3"); // unchanged column
  await imports.apply();
  await expect(imports.status()).toHaveText("Unchanged");
});

test("row errors are listed with their rows, and the issues download as CSV", async () => {
  const lines = [
    COMBINED_HEADER,
    "2026-27,301,Chemistry,C-301,2,Ann,Lee,S-1,Tom,Hart,tom.hart@lincoln-usd.test,",
    "2026-27,301,Chemistry,C-301,2,Bo,Kim,S-2,Tom,Hart,,",
    "2026-27,301,Chemistry,C-301,2,=HYPERLINK(1),Lee,S-3,Tom,Hart,not-an-email,",
  ];
  await imports.upload(csvFile("with-errors.csv", lines));
  await expect(imports.status()).toHaveText("Preview");
  const issues = page.getByTestId("issue-row");
  await expect(issues).toHaveCount(3);
  // The schools of this file's earlier imports are named, and left alone.
  const leftAlone =
    "2 schools are not in this file and were left as they are: 101 (2 active classes), 205 (1 active class).";
  await expect(issues.nth(0)).toContainText(leftAlone);
  await expect(issues.nth(1)).toContainText("3");
  await expect(issues.nth(1)).toContainText("Teacher Email");
  await expect(issues.nth(1)).toContainText("Teacher email is blank.");
  await expect(issues.nth(2)).toContainText("4");
  await expect(issues.nth(2)).toContainText('"not-an-email" is not a valid email address.');

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download issues (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("with-errors-issues.csv");
  const text = readFileSync((await download.path()) ?? "", "utf8");
  expect(text).toBe(
    [
      "file,row,column,severity,code,message",
      `,,,warning,school_not_in_file,"${leftAlone}"`,
      ",3,Teacher Email,error,blank_value,Teacher email is blank.",
      ',4,Teacher Email,error,invalid_value,"""not-an-email"" is not a valid email address."',
      "",
    ].join("\r\n"),
  );
  await imports.discard();
});

test("unknown headers ask for the columns; the saved mapping is used by the next upload", async () => {
  const lines = ["Building,Kid Code,Given,Family", "900,K-1,Ann,Lee", "900,K-2,Bo,Kim"];
  await imports.startUpload(csvFile("pupils.csv", lines), "Students");
  await expect(page.getByRole("heading", { name: "Match the columns of pupils.csv" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText('The file has no "student id"');
  await expect(page.getByRole("table", { name: "First rows of the file" })).toContainText("K-1");
  await page.getByRole("combobox", { name: "student id" }).selectOption("Kid Code");
  await page.getByRole("combobox", { name: "First", exact: true }).selectOption("Given");
  await page.getByRole("combobox", { name: "Last", exact: true }).selectOption("Family");
  await page.getByRole("button", { name: "Continue with these columns" }).click();
  await page.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
  await expect(imports.count("students", "created")).toHaveText("2");
  await imports.discard();

  await imports.upload(csvFile("pupils-2.csv", [...lines, "900,K-3,Cy,Ng"]), "Students");
  await expect(imports.status()).toHaveText("Preview");
  await expect(imports.count("students", "created")).toHaveText("3");
  await imports.discard();
});

test("a truncated file is held; the admin reviews it and discards it, and the roster is unchanged", async () => {
  const original = readFileSync(fixture("gradecam-combined.csv"), "utf8").trim().split("\n");
  const truncated = original.slice(0, 3); // header + the first class's first two rows
  await imports.upload(csvFile("truncated.csv", truncated));
  await expect(imports.status()).toHaveText("Held for review");
  await expect(page.getByTestId("held-reason")).toContainText("would deactivate 1 of 2 active classes (50 %)");
  await expect(page.getByRole("button", { name: "Apply anyway" })).toBeVisible();
  const heldUrl = page.url();

  await page.goto("/admin");
  await expect(page.getByTestId("held-banner")).toContainText("1 import is held for review");
  await page.goto("/admin/imports");
  await expect(page.getByTestId("held-banner")).toContainText("Review truncated.csv");

  await page.goto(heldUrl);
  await imports.discard();
  await expect(page.getByText(`by ${ADMIN}`)).toBeVisible();
  // A discarded import changed nothing: its page says what it would have changed, labelled so.
  await expect(page.getByRole("heading", { name: "What it would have changed" })).toBeVisible();
  await expect(page.getByTestId("counts-section")).toContainText("Nothing was changed: this import was discarded.");
  await page.goto("/admin/imports");
  const discarded = page.getByTestId("import-row").first();
  await expect(discarded).toContainText("truncated.csv");
  await expect(discarded).toContainText("No change · would have been: 1 class deactivated");
  await page.goto("/admin");
  await expect(page.getByTestId("held-banner")).toHaveCount(0);
  await expect(page.getByTestId("count-classes")).toHaveText(plus(before.classes, 3));
  await expect(page.getByTestId("count-students")).toHaveText(plus(before.students, 6));
});

test("while a decision runs, neither Apply nor Discard can be pressed", async () => {
  const lines = readFileSync(fixture("gradecam-combined.csv"), "utf8").trim().split("\n");
  const extra = "2026-27,101,Extra,X-1,1,Ex,Tra,X-S1,T,T,extra@lincoln-usd.test,,x-s1@students.lincoln-usd.test,09";
  await imports.upload(csvFile("one-more.csv", [...lines, extra]));
  await expect(imports.status()).toHaveText("Preview");
  // Hold the decision's request back a moment, so the page is seen while it runs.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const url = page.url();
  await page.route(url, async (route) => {
    if (route.request().method() === "POST") await released;
    await route.continue();
  });
  await page.getByRole("button", { name: "Discard", exact: true }).click();
  await expect(page.getByRole("button", { name: "Apply", exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Discard", exact: true })).toBeDisabled();
  release();
  await expect(imports.status()).toHaveText("Discarded", { timeout: 60_000 });
  await page.unroute(url);
});

test("a large file shows its progress while it is uploaded, read and planned", async () => {
  const rows = [COMBINED_HEADER];
  for (let i = 0; i < 120_000; i += 1) {
    rows.push(`2026-27,LARGE,Class ${i % 4000},L-${i % 4000},1,F${i},L${i},LS-${i},T,T,t${i % 4000}@large.test,`);
  }
  await imports.startUpload(csvFile("large.csv", rows));
  await expect(page.getByRole("progressbar")).toBeVisible();
  await expect(page.getByTestId("progress-label")).toHaveText(
    /Uploading|Reading and checking rows|Comparing with your roster|Saving the preview/,
  );
  await page.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}$/, { timeout: 120_000 });
  await expect(imports.count("enrollments", "created")).toHaveText("120,000");
  await imports.discard();
});

test("a signed-out visitor reaches none of the import pages, uploads or downloads", async ({ browser, request }) => {
  const visitor = await browser.newPage();
  for (const url of ["/admin/imports", "/admin/imports/new", "/admin/imports/00000000-0000-0000-0000-000000000000"]) {
    await visitor.goto(url);
    await expect(visitor).toHaveURL(/\/sign-in$/);
  }
  await visitor.close();
  const upload = await request.post("/admin/imports/upload?kind=combined&name=x.csv", {
    data: Buffer.from(`${COMBINED_HEADER}\n`),
  });
  expect(upload.status()).toBe(401);
  const issues = await request.get(`${page.url().replace(/^https?:\/\/[^/]+/, "")}/issues.csv`);
  expect(issues.status()).toBe(401);
});

test("a teacher reaches none of the import pages, uploads or downloads", async ({ browser }) => {
  const teacher = await browser.newPage();
  await new SignInPage(teacher).signIn("teacher@riverside.test");
  await expect(teacher).toHaveURL(/\/my-classes$/);
  const importId = page.url().split("/").pop();
  for (const url of ["/admin", "/admin/imports", "/admin/imports/new", `/admin/imports/${importId}`]) {
    const response = await teacher.goto(url);
    expect(response?.status(), url).toBe(404);
  }
  const upload = await teacher.request.post("/admin/imports/upload?kind=combined&name=x.csv", {
    data: Buffer.from(`${COMBINED_HEADER}\n`),
  });
  expect(upload.status()).toBe(404);
  const issues = await teacher.request.get(`/admin/imports/${importId}/issues.csv`);
  expect(issues.status()).toBe(404);
  await teacher.close();
});
