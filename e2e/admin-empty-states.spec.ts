import { expect, test, type Page } from "@playwright/test";
import { SignInPage } from "./support/sign-in-page";

// Issue 18, point 6, before anything is imported: the empty Staff card, and a 0-byte file refused
// in the browser. Named to run first: the empty card needs Demo District before any import.

const ADMIN = "admin@demo.test";

test.describe.configure({ mode: "serial" });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await new SignInPage(page).signIn(ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
});

test.afterAll(async () => {
  await page.close();
});

test("the empty dashboard says there are no staff yet", async () => {
  const staff = Number((await page.getByTestId("count-staff").innerText()).replaceAll(",", ""));
  test.skip(staff !== 0, "Demo District already has staff: run this spec on the fresh database the suite starts with");
  await expect(page.getByTestId("no-staff-yet")).toHaveText("No staff yet");
  await expect(page.getByTestId("not-invited")).toContainText("There are no staff yet");
});

test("a 0-byte file is refused in the browser, before anything is uploaded", async () => {
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/admin/imports/upload")) uploads.push(request.url());
  });
  await page.goto("/admin/imports/new");
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
  await expect(page.getByRole("alert").filter({ hasText: "empty.csv" })).toHaveText(
    "empty.csv is empty (0 bytes), so there is nothing to import. Export the roster from your SIS again and choose the new file.",
  );
  await expect(page.getByRole("button", { name: "Upload and preview" })).toBeDisabled();
  expect(uploads).toEqual([]);
});
