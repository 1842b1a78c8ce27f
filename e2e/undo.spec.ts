import { expect, test, type Page } from "@playwright/test";
import { ImportsPage } from "./support/imports-page";
import { SignInPage } from "./support/sign-in-page";

// The safe path through a dangerous file: a truncated file is held, Discard is the main button,
// "Apply anyway" states what it takes away and needs a second click, the success message offers
// Undo, and the undo (previewed, confirmed) puts the roster back as it was.

const ADMIN = "admin@demo.test";
const HEADER =
  "Term,School ID,Class Name,Class ID,Class Period,Student First,Student Last,Student ID,Teacher First,Teacher Last,Teacher Email,Staff ID";
/** School UNDO: `classes` classes of the same 3 students, one teacher each. */
function file(name: string, classes: number) {
  const lines = [HEADER];
  for (let c = 1; c <= classes; c += 1)
    for (let s = 1; s <= 3; s += 1)
      lines.push(`2026-27,UNDO,Undo Class ${c},UNDO-C${c},1,Kid${s},Undo,UNDO-S${s},T${c},Undo,t${c}@undo.test,`);
  return { name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) };
}

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await new SignInPage(page).signIn(ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
});

test.afterAll(async () => {
  await page.close();
});

async function dashboardCounts() {
  await page.goto("/admin");
  return {
    classes: await page.getByTestId("count-classes").innerText(),
    students: await page.getByTestId("count-students").innerText(),
  };
}

test("held file → Apply anyway → confirm → success message → Undo → the roster as before", async () => {
  test.setTimeout(180_000);
  const imports = new ImportsPage(page);
  await imports.upload(file("undo-full.csv", 10));
  await imports.apply();
  await expect(page.getByTestId("applied-message")).toContainText("Applied: 1 school added");
  const before = await dashboardCounts();

  await imports.upload(file("undo-truncated.csv", 1));
  await expect(imports.status()).toHaveText("Held for review");
  // Discard comes first and is the filled button; Apply anyway asks before it applies.
  const buttons = page.getByRole("button", { name: /^(Discard|Apply anyway)$/ });
  await expect(buttons.first()).toHaveText("Discard");
  await expect(buttons.first()).toHaveClass(/bg-indigo-600/);
  await page.getByRole("button", { name: "Apply anyway", exact: true }).click();
  const confirmation = page.getByTestId("confirm-message");
  await expect(confirmation).toContainText("Deactivate 9 of 10 classes");
  await expect(confirmation).toContainText("end 27 of 30 enrollments");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(imports.status()).toHaveText("Held for review"); // nothing applied by the first click
  await imports.apply("Apply anyway");
  await expect(imports.status()).toHaveText("Applied");
  const applied = page.getByTestId("applied-message");
  await expect(applied).toContainText("9 classes deactivated");
  await expect(applied).toContainText("27 enrollments ended");
  const heldUrl = page.url().replace(/\?.*$/, "");
  expect((await dashboardCounts()).classes).not.toBe(before.classes);

  await page.goto(`${heldUrl}?done=applied`);
  await page.getByTestId("applied-message").getByRole("link", { name: "Undo" }).click();
  await expect(page.getByRole("heading", { name: "Undo undo-truncated.csv" })).toBeVisible();
  await expect(page.getByTestId("undo-preview")).toContainText("9 classes reactivated");
  await page.getByRole("button", { name: "Undo this import" }).click();
  await expect(page.getByTestId("confirm-message")).toContainText("27 enrollments restored");
  await page.getByRole("button", { name: "Yes, undo" }).click();
  await page.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}\?done=undone$/, { timeout: 60_000 });
  await expect(page.getByTestId("undone-message")).toContainText("The roster is as it was before undo-truncated.csv");
  await expect(page.getByTestId("undo-links")).toContainText("Undoes undo-truncated.csv");

  expect(await dashboardCounts()).toEqual(before);
  await page.goto(heldUrl);
  await expect(page.getByTestId("undo-links")).toContainText("Undone by");
});
