import { expect, test, type Page } from "@playwright/test";
import { jargonIn } from "./support/operator-jargon";
import { SignInPage } from "./support/sign-in-page";
import { PAGE_ROWS } from "./support/tenancy-rows";

// Admin pages speak a district admin's language (issue 18): no environment variable names,
// openssl, SHA-256 or CLI commands on any of them. Every admin page of the build's page list
// (e2e/support/tenancy-rows.ts, which the tenancy spec keeps complete) is opened as Riverside's
// admin, pages with an id with the first id their list links to, and its rendered text scanned.

const ADMIN = "admin@riverside.test";

const adminPages = Object.entries(PAGE_ROWS).flatMap(([key, row]) =>
  "url" in row && row.audience === "admin" ? [{ key, url: row.url }] : [],
);

/** The first id the list page above `[slot]` links to (`/admin/imports/<id>`). */
async function firstIdOn(page: Page, listUrl: string): Promise<string> {
  await page.goto(listUrl);
  const hrefs = await page
    .locator(`main a[href^="${listUrl}/"]`)
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const id = hrefs
    .map((href) => href.slice(listUrl.length + 1).split(/[/?#]/)[0] ?? "")
    .find((segment) => /^([0-9]+|[0-9a-f-]{36})$/.test(segment));
  if (!id) throw new Error(`no id linked from ${listUrl}`);
  return id;
}

test("no admin page shows environment variable names, openssl, SHA-256 or CLI commands", async ({ page }) => {
  test.setTimeout(180_000);
  expect(adminPages.length).toBeGreaterThan(10);
  await new SignInPage(page).signIn(ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
  const found: string[] = [];
  for (const { key, url } of adminPages) {
    let target = url;
    const slot = /^(.*?)\/\[[^\]]+\]/.exec(url);
    if (slot?.[1]) target = url.replace(/\[[^\]]+\]/, await firstIdOn(page, slot[1]));
    const response = await page.goto(target);
    expect(response?.status(), `${key} (${target})`).toBe(200);
    await expect(page.locator("main")).toBeVisible();
    await page.waitForLoadState("networkidle");
    const text = await page.locator("body").innerText();
    for (const jargon of jargonIn(text)) found.push(`${target}: ${jargon}`);
  }
  expect(found).toEqual([]);
});
