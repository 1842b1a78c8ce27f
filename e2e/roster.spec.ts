import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { MyClassesPage } from "./support/my-classes-page";
import { RosterPage } from "./support/roster-page";
import { SignInPage } from "./support/sign-in-page";

// Riverside District and its demo roster (lib/demo/demo-roster.csv) were seeded before the server
// started (`db:seed --roster`, see support/start-server.mjs), and teacher@riverside.test (Maria
// Rivera) was linked to her staff record the way accepting an invitation links it. Demo District,
// which the import specs fill, is another organization.

const ADMIN = "admin@riverside.test";
const TEACHER = "teacher@riverside.test";

async function signInAsAdmin(page: Page) {
  await new SignInPage(page).signIn(ADMIN);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

test("an admin finds a student by id, opens the class and sees its teacher", async ({ page }) => {
  await signInAsAdmin(page);
  const roster = new RosterPage(page);
  await roster.open("Students");
  await roster.search("S1007");
  await expect(page).toHaveURL(/\/admin\/roster\/students\?q=S1007&status=active$/);
  await expect(roster.rows("Students")).toHaveCount(1);
  await page.getByRole("link", { name: "S1007" }).click();

  await expect(page.getByRole("heading", { name: "Sofía Martínez" })).toBeVisible();
  expect(await roster.column("Current classes", 0)).toEqual(["Biology", "Geometry"]);
  await page.getByRole("table", { name: "Current classes" }).getByRole("link", { name: "Geometry" }).click();

  await expect(page.getByRole("heading", { name: "Geometry", level: 1 })).toBeVisible();
  expect(await roster.column("Teachers", 0)).toEqual(["Maria Rivera"]);
  expect(await roster.column("Students", 2)).toEqual(["S1006", "S1008", "S1007", "S1004", "S1009", "S1005"]);
  await expect(page.getByRole("list", { name: "Change history" })).toContainText("demo-roster.csv");
  await expect(page.getByRole("list", { name: "Change history" })).toContainText("Added 6 students");
});

test("search ignores accents and case and matches any word of a name", async ({ page }) => {
  await signInAsAdmin(page);
  const roster = new RosterPage(page);
  await roster.open("Students");
  // The Student ID column, retried until the page after the search shows it.
  const ids = roster.rows("Students").locator("td:first-child");
  await roster.search("zoe");
  await expect(ids).toHaveText(["S1003"]);
  await expect(roster.rows("Students")).toContainText(["Zoë"]);
  await roster.search("GARCIA");
  await expect(ids).toHaveText(["S1002"]);
  await roster.search("obrien zoe");
  await expect(ids).toHaveText(["S1003"]);
  await roster.search("luc");
  await expect(ids).toHaveText(["S1010", "S1008"]);
  await roster.search("zoey");
  await expect(page).toHaveURL(/q=zoey/);
  await expect(roster.rows("Students")).toHaveCount(0);
});

test("class filters live in the URL, and Download CSV has exactly the filtered classes", async ({ page }) => {
  await signInAsAdmin(page);
  const roster = new RosterPage(page);
  await roster.open("Classes");
  expect(await roster.column("Classes", 0)).toEqual(["Algebra I", "Biology", "Geometry", "Science 6", "Statistics"]);
  await roster.choose("Term", "2026-27 S1");
  await roster.choose("Teacher", "Shah, Priya (shah@riverside.test)");
  await expect(page).toHaveURL(/\/admin\/roster\/classes\?term=\d+&teacher=\d+&status=active$/);
  expect(await roster.column("Classes", 0)).toEqual(["Biology", "Science 6"]);

  await page.reload();
  expect(await roster.column("Classes", 0)).toEqual(["Biology", "Science 6"]);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^classes-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await download.path())!, "utf8")
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("Class ID,Class name,Period,Term,School ID,School name,Teachers,Students,Status");
  expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["BIO-02", "SCI6-04"]);

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(roster.rows("Classes")).toHaveCount(5);
});

test("an admin names a school; a blank name is refused and keeps the form", async ({ page }) => {
  await signInAsAdmin(page);
  const roster = new RosterPage(page);
  await roster.open("Schools");
  expect(await roster.column("Schools", 1)).toEqual(["DEMO-HS", "DEMO-MS"]);
  await page.getByRole("link", { name: "Edit the name of school DEMO-MS" }).click();
  const name = page.getByRole("textbox", { name: "Name of school DEMO-MS" });
  await name.fill("   ");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter the school's name")).toBeVisible();
  await name.fill("Washington Middle");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/admin\/roster\/schools$/);
  await expect(roster.rows("Schools").nth(1)).toContainText("Washington Middle");
  // Counts: Science 6 with five students and one teacher.
  const cells = await roster.rows("Schools").nth(1).locator("td").allInnerTexts();
  expect(cells.slice(1)).toEqual(["DEMO-MS", "1", "5", "1"]);
});

test("a teacher sees exactly their classes and students, and 404 on any other class and on admin pages", async ({
  page,
  browser,
}) => {
  // The admin's view gives the id of Biology, a class the teacher does not teach.
  await signInAsAdmin(page);
  const roster = new RosterPage(page);
  await roster.open("Classes");
  const biology = await page.getByRole("link", { name: "Biology", exact: true }).getAttribute("href");
  const biologyId = biology?.split("/").at(-1);
  expect(biologyId).toMatch(/^\d+$/);

  const context = await browser.newContext();
  const teacherPage = await context.newPage();
  await new SignInPage(teacherPage).signIn(TEACHER);
  const myClasses = new MyClassesPage(teacherPage);
  await myClasses.expectOpen();
  expect(await myClasses.terms()).toEqual(["2026-27 S2", "2026-27 S1"]);
  expect(await myClasses.classesIn("2026-27 S2")).toEqual(["Statistics"]);
  expect(await myClasses.classesIn("2026-27 S1")).toEqual(["Algebra I", "Geometry"]);

  await myClasses.openClass("Algebra I");
  expect(await myClasses.roster()).toEqual([
    "Brown, Ethan, S1006",
    "García, Liam, S1002",
    "Johnson, Ava, S1001",
    "Nguyen, Noah, S1004",
    "O'Brien, Zoë, S1003",
    "Williams, Mia, S1005",
  ]);

  for (const path of [
    `/my-classes/${biologyId}`,
    "/my-classes/999999999",
    "/my-classes/abc",
    "/admin/roster/students",
    `/admin/roster/classes/${biologyId}`,
  ]) {
    const response = await teacherPage.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(teacherPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  expect((await teacherPage.request.get("/admin/roster/students/export")).status()).toBe(404);
  await context.close();
});
