import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { SignInPage } from "./support/sign-in-page";

// Settings → Data & privacy and Settings → Audit log as Riverside's admin (seeded, see
// support/start-server.mjs). Nothing here removes roster data other specs read: the forget and
// delete forms are tried with what they must refuse; forgetting and deleting themselves are
// tested in tests/privacy/ on both databases.

const ADMIN = "admin@riverside.test";

async function openPrivacy(page: Page) {
  await new SignInPage(page).signIn(ADMIN);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.goto("/admin/settings");
  await page.getByRole("link", { name: "Data & privacy" }).click();
  await expect(page.getByRole("heading", { name: "Data & privacy", level: 1 })).toBeVisible();
}

test("retention is shown and saved, refused out of range, and the change is in the audit log and its CSV", async ({
  page,
}) => {
  await openPrivacy(page);
  const form = page.getByRole("form", { name: "How long data is kept" });
  await expect(form.getByLabel("Import history (months)")).toHaveValue("12");
  await expect(form.getByLabel("Audit log (months)")).toHaveValue("24");
  await expect(form.getByLabel("Deactivated people (months)")).toHaveValue("12");

  // 0 passes the browser's own check only when it is switched off: the server must refuse it too.
  await form.evaluate((element) => element.setAttribute("novalidate", ""));
  await form.getByLabel("Audit log (months)").fill("0");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toHaveText("Audit log: at least 1 month.");
  await expect(form.getByLabel("Audit log (months)")).toHaveValue("0");

  await form.getByLabel("Audit log (months)").fill("36");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toContainText("Saved.");
  await page.reload();
  await expect(form.getByLabel("Audit log (months)")).toHaveValue("36");

  await page.goto("/admin/settings/audit");
  await page.getByLabel("What").selectOption({ label: "Settings" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/category=settings/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toContainText("Changed how long data is kept");
  await expect(rows.first()).toContainText(ADMIN);
  await expect(rows.filter({ hasText: "Signed in" })).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv).toContain("Changed how long data is kept");
  expect(csv).not.toContain("Signed in");

  // Everything, unfiltered: the sign-in is there.
  await page.goto("/admin/settings/audit");
  await expect(page.getByTestId("audit-row").filter({ hasText: "Signed in" }).first()).toBeVisible();

  // put the setting back for other specs
  await page.goto("/admin/settings/privacy");
  await form.getByLabel("Audit log (months)").fill("24");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toContainText("Saved.");
});

test("forget and delete refuse what is not confirmed or not there, and remove nothing", async ({ page }) => {
  await openPrivacy(page);
  const forget = page.getByRole("form", { name: "Forget a person" });
  await forget.getByLabel("Student ID").fill("S1007");
  await forget.getByLabel("Type it again to confirm").fill("S1008");
  await forget.getByRole("button", { name: "Forget this person" }).click();
  await expect(page.getByRole("alert")).toHaveText('Type "S1007" again in the confirmation box to forget this person.');

  await forget.getByLabel("Student ID").fill("NOPE-1");
  await forget.getByLabel("Type it again to confirm").fill("NOPE-1");
  await forget.getByRole("button", { name: "Forget this person" }).click();
  await expect(page.getByRole("alert")).toHaveText('No student with id "NOPE-1" is stored in this organization.');

  await forget.getByLabel("A staff member (by email)").check();
  await forget.getByLabel("Staff email").fill("nobody@riverside.test");
  await forget.getByLabel("Type it again to confirm").fill("nobody@riverside.test");
  await forget.getByRole("button", { name: "Forget this person" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    'No staff member with email "nobody@riverside.test" is stored in this organization.',
  );

  const exports = page.getByTestId("district-exports");
  for (const name of ["Students", "Staff", "Import Details", "Audit log"])
    await expect(exports.getByRole("link", { name, exact: true })).toBeVisible();

  const danger = page.getByRole("form", { name: "Delete the organization" });
  await danger.getByRole("textbox").fill("riverside");
  await danger.getByRole("button", { name: "Delete this organization" }).click();
  await expect(danger.getByRole("alert")).toHaveText(
    'Type "Riverside District" exactly to confirm. Nothing was deleted.',
  );

  await page.goto("/admin/roster/students?q=S1007");
  await expect(page.getByRole("link", { name: "S1007" })).toBeVisible();
});
