import { expect, test, type Page } from "@playwright/test";
import { ImportsPage } from "./support/imports-page";
import { SignInPage } from "./support/sign-in-page";

// Hostile file names uploaded through the browser (issue 8): markup, a path, 300 characters and
// bidi overrides. Each is shown as text on Import Details, the import's page and the dashboard —
// no script runs, no element is injected — cut to 255 characters and without bidi controls as
// runImport records it (docs/decisions.md "Uploaded file names"), and the issues CSV downloads
// under a plain name. Every file fails (a header and no rows), so the roster is not touched.

const ADMIN = "admin@demo.test";
const HEADER =
  "Term,School ID,Class Name,Class ID,Student First,Student Last,Student ID,Teacher First,Teacher Last,Teacher Email\r\n";

const NAMES: Array<{ label: string; upload: string; shown: string; download: string }> = [
  {
    label: "markup",
    upload: "<img src=x onerror=alert(1)>.csv",
    shown: "<img src=x onerror=alert(1)>.csv",
    download: "_img_src_x_onerror_alert_1_-issues.csv",
  },
  { label: "a path", upload: "../../x.csv", shown: "../../x.csv", download: "_.._x-issues.csv" },
  {
    label: "300 characters",
    upload: `${"r".repeat(296)}.csv`,
    shown: "r".repeat(255),
    download: `${"r".repeat(80)}-issues.csv`,
  },
  {
    label: "bidi overrides",
    upload: "roster\u202Eslx.exe\u202C.csv",
    shown: "rosterslx.exe.csv",
    download: "rosterslx.exe-issues.csv",
  },
];

let page: Page;
let imports: ImportsPage;
const dialogs: string[] = [];

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  imports = new ImportsPage(page);
  await new SignInPage(page).signIn(ADMIN);
});

test.afterEach(() => {
  expect(dialogs, "a dialog opened: markup from a file name ran as script").toEqual([]);
});

test.afterAll(async () => {
  await page.close();
});

/** Nothing from a file name became an element or an event handler. */
async function expectNothingInjected() {
  await expect(page.locator('img[src="x"], [onerror]')).toHaveCount(0);
}

for (const name of NAMES) {
  test(`a file name with ${name.label} is shown as text and downloads under a plain name`, async () => {
    const id = await imports.upload({ name: name.upload, mimeType: "text/csv", buffer: Buffer.from(HEADER) });
    await expect(imports.status()).toHaveText("Failed");

    // The import's page: the name is its heading, as text.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name.shown);
    await expectNothingInjected();
    const html = await (await page.request.get(`/admin/imports/${id}`)).text();
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("\u202E");

    // The issues CSV: a name of letters, digits, "_", "-" and "." that does not start with a dot.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download issues (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(name.download);
    const response = await page.request.get(`/admin/imports/${id}/issues.csv`);
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="${name.download}"`);

    // Import Details: the row shows the name, the cell's tooltip too.
    await page.goto("/admin/imports");
    const cell = page.getByTestId("import-row").first().getByTitle(name.shown, { exact: true });
    await expect(cell).toHaveText(name.shown);
    await expectNothingInjected();

    // The dashboard's last import.
    await page.goto("/admin");
    await expect(page.getByTestId("last-import")).toContainText(name.shown);
    await expectNothingInjected();
  });
}
