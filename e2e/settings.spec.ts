import { expect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { KillableServer } from "./support/killable-server";
import { jargonIn } from "./support/operator-jargon";
import { SettingsPage } from "./support/settings-page";
import { SignInPage } from "./support/sign-in-page";

// Settings know what the server supports (issue 18): on the suite's server (drop root, credential
// key and cron secret set) every option is there; on a second server without them, drop folders
// and credentials are shown disabled with one plain sentence, and no page names a setting. Test
// now says what happened in words, once. The time zone is searched, the API token copied, and
// the hold threshold edited (with its audit entry).

const ADMIN = "admin@demo.test";

test.describe("on a server with every option enabled", () => {
  let context: BrowserContext;
  let page: Page;
  let settings: SettingsPage;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    page = await context.newPage();
    settings = new SettingsPage(page);
    await new SignInPage(page).signIn(ADMIN);
    await expect(page).toHaveURL(/\/admin$/);
  });

  test.afterAll(async () => {
    await context.close();
  });

  test("every source option is offered, and the page has no operator words", async () => {
    await settings.open();
    const form = page.getByRole("form", { name: "Add a nightly source" });
    await expect(form.getByLabel("Drop folder on the server")).toBeEnabled();
    await expect(page.getByTestId("drop-folders-off")).toHaveCount(0);
    await form.getByLabel("HTTPS URL").check();
    await expect(form.getByLabel("Credential header (optional)")).toBeEnabled();
    await expect(form.getByLabel("Credential value")).toBeEnabled();
    await expect(page.getByTestId("credentials-off")).toHaveCount(0);
    await expect(page.getByTestId("not-scheduled")).toHaveCount(0);
    expect(jargonIn(await page.locator("body").innerText())).toEqual([]);
  });

  test("the time zone is a searchable menu", async () => {
    await settings.open();
    const form = page.getByRole("form", { name: "Add a nightly source" });
    const zone = form.getByLabel("Time zone", { exact: true });
    await expect(zone).toHaveValue("America/Chicago");
    await form.getByRole("searchbox", { name: "Search time zones" }).fill("new york");
    await expect(zone).toHaveValue("America/New_York");
    await expect(zone.locator("option", { hasText: "Eastern Time" })).toHaveCount(1);
    await form.getByRole("searchbox", { name: "Search time zones" }).fill("central time");
    await zone.selectOption("America/Chicago");
    await expect(zone).toHaveValue("America/Chicago");
  });

  test("Test now on a URL whose server does not exist says so in words, once", async () => {
    await settings.open();
    await settings.addUrl({ name: "Missing SIS", url: "https://sis.example.org/roster.csv" });
    const source = settings.source("Missing SIS");
    await expect(source.getByTestId("last-check")).toHaveText("Not checked yet.");
    await source.getByRole("button", { name: "Test now" }).click();
    await expect(source.getByTestId("last-check")).toContainText(
      "The server could not find sis.example.org. Check the address.",
    );
    await expect(page.getByText(/could not find sis\.example\.org/)).toHaveCount(1);
    expect(jargonIn(await page.locator("body").innerText())).toEqual([]);
    await source.getByRole("button", { name: "Delete Missing SIS" }).click();
    await expect(settings.source("Missing SIS")).toHaveCount(0);
  });

  test("a new API token has a Copy button", async () => {
    await settings.open();
    const token = await settings.createToken("Copy check");
    await page.getByRole("button", { name: "Copy token" }).click();
    await expect(page.getByText("Copied.")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await page
      .getByTestId("token")
      .filter({ hasText: "Copy check" })
      .getByRole("button", { name: "Revoke Copy check" })
      .click();
  });

  test("the hold threshold is shown and edited in Settings, within its bounds, and audited", async () => {
    await settings.open();
    await expect(page.getByTestId("threshold")).toHaveText("10 %");
    const form = page.getByRole("form", { name: "Hold threshold" });
    const percent = form.getByRole("spinbutton");
    // Out of bounds: the browser refuses it, and the server would too (set-deactivation-threshold test).
    await percent.fill("60");
    await form.getByRole("button", { name: "Save threshold" }).click();
    expect(await percent.evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(true);
    await expect(page.getByTestId("threshold")).toHaveText("10 %");

    await percent.fill("25");
    await form.getByRole("button", { name: "Save threshold" }).click();
    await expect(page.getByRole("status").filter({ hasText: "held for review" })).toHaveText(
      "Saved: imports that would remove more than 25 % are held for review (it was 10 %).",
    );
    await expect(page.getByTestId("threshold")).toHaveText("25 %");

    await page.goto("/admin/settings/audit?category=settings");
    const entry = page.getByRole("row").filter({ hasText: "Changed the hold threshold" }).first();
    await expect(entry).toContainText("before: 10 %");
    await expect(entry).toContainText("after: 25 %");
    await expect(entry).toContainText(ADMIN);

    // Back to the default the other specs expect.
    await settings.open();
    await page.getByRole("form", { name: "Hold threshold" }).getByRole("spinbutton").fill("10");
    await page.getByRole("form", { name: "Hold threshold" }).getByRole("button", { name: "Save threshold" }).click();
    await expect(page.getByTestId("threshold")).toHaveText("10 %");
  });
});

test.describe("on a server without drop folders, stored credentials or a schedule", () => {
  const port = Number(process.env.E2E_PORT ?? 3210) + 47;
  const server = new KillableServer(port, { NIGHTLY_DROP_ROOT: "", SOURCE_CREDENTIALS_KEY: "", CRON_SECRET: "" });
  let context: BrowserContext;
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    await server.prepare();
    await server.start();
    context = await browser.newContext({ baseURL: server.url });
    page = await context.newPage();
    await new SignInPage(page).signIn(ADMIN);
    await expect(page).toHaveURL(/\/admin$/);
  });

  test.afterAll(async () => {
    await context?.close();
    await server.dispose();
  });

  test("the options the operator has not enabled are disabled, each with one plain sentence", async () => {
    const settings = new SettingsPage(page);
    await settings.open();
    const form = page.getByRole("form", { name: "Add a nightly source" });
    const folder = form.getByLabel("Drop folder on the server");
    await expect(folder).toBeDisabled();
    await expect(form.getByLabel("HTTPS URL")).toBeChecked();
    await expect(page.getByTestId("drop-folders-off")).toHaveText(
      /^Your RosterSync operator has not enabled drop folders\./,
    );
    await expectDescribedBy(folder, "Your RosterSync operator has not enabled drop folders.");
    for (const label of ["Credential header (optional)", "Credential value"]) {
      await expect(form.getByLabel(label)).toBeDisabled();
      await expectDescribedBy(form.getByLabel(label), "Your RosterSync operator has not enabled saved credentials");
    }
    await expect(page.getByTestId("not-scheduled")).toContainText(
      "Your RosterSync operator has not scheduled the nightly pass yet",
    );
    expect(jargonIn(await page.locator("body").innerText())).toEqual([]);

    // A URL source without a credential still works.
    await settings.addUrl({ name: "Open SIS", url: "https://sis.example.org/open.csv" });
    await expect(settings.source("Open SIS")).toContainText("https://sis.example.org/open.csv");
  });
});

async function expectDescribedBy(control: Locator, text: string) {
  await expect(control).toHaveAccessibleDescription(new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
}
