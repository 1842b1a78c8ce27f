import { expect, test, type Page } from "@playwright/test";
import { SignInPage } from "./support/sign-in-page";
import { StaffPage } from "./support/staff-page";

// The Staff page is the one list of staff (issue 18): the Roster's Staff tab and its old URL lead
// there, with the search kept; one "not invited" filter; "Send invitations" is disabled until
// someone is selected; sending moves nothing on the page; Deactivate is red.

const ADMIN = "admin@riverside.test";
const SHAH = "shah@riverside.test";

let page: Page;
let staff: StaffPage;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  staff = new StaffPage(page);
  await new SignInPage(page).signIn(ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
});

test.afterAll(async () => {
  await page.close();
});

/** Whether a computed colour (lab, oklch or rgb, as Chromium gives Tailwind's colours) is red-ish. */
function isRed(color: string): boolean {
  const lab = /^lab\(([\d.]+)%? (-?[\d.]+) (-?[\d.]+)/.exec(color);
  if (lab) return Number(lab[2]) > 30;
  const oklch = /^oklch\(([\d.]+)%? ([\d.]+) ([\d.]+)/.exec(color);
  if (oklch) return Number(oklch[2]) > 0.05 && (Number(oklch[3]) < 45 || Number(oklch[3]) > 340);
  const rgb = /^rgba?\((\d+), (\d+), (\d+)/.exec(color);
  return rgb ? Number(rgb[1]) > Number(rgb[2]) + 60 && Number(rgb[1]) > Number(rgb[3]) + 60 : false;
}

test("there is one list of staff: the Roster's Staff tab and its old address lead to it", async () => {
  await page.goto("/admin/roster/staff?q=shah&status=active");
  await expect(page).toHaveURL(/\/admin\/staff\?q=shah$/);
  await expect(page.getByRole("heading", { name: "Staff", exact: true })).toBeVisible();
  await expect(page.getByTestId("staff-row")).toHaveCount(1);
  await expect(staff.row(SHAH)).toContainText("Shah, Priya");
  await expect(page.getByRole("searchbox", { name: "Search staff" })).toHaveValue("shah");

  await page.goto("/admin/roster/staff?status=inactive");
  await expect(page).toHaveURL(/\/admin\/staff\?status=deactivated$/);

  await page.goto("/admin/roster/schools");
  await page.getByRole("navigation", { name: "Roster" }).getByRole("link", { name: "Staff" }).click();
  await expect(page).toHaveURL(/\/admin\/staff$/);
  // What the roster list showed is here too: staff id and classes, linked to the classes list.
  const maria = staff.row("teacher@riverside.test");
  await expect(maria).toContainText("T100");
  await maria.getByRole("link", { name: "Classes of Rivera, Maria" }).click();
  await expect(page).toHaveURL(/\/admin\/roster\/classes\?teacher=\d+$/);
});

test("one 'not invited' filter", async () => {
  await staff.goto();
  const options = await page
    .getByRole("search", { name: "Filters" })
    .getByLabel("Status")
    .locator("option")
    .allInnerTexts();
  expect(options.filter((option) => /not (yet )?invited|needs an invitation/i.test(option))).toHaveLength(1);
  await staff.filter({ status: "not_invited" });
  await expect(page).toHaveURL(/status=not_invited/);
  for (const status of await page.getByTestId("staff-status").allInnerTexts())
    expect(["Not invited", "Invitation expired", "Sending failed"]).toContain(status);
  await expect(staff.row(SHAH)).toBeVisible();
});

test("Send is disabled until someone is selected, and sending moves nothing on the page", async () => {
  await staff.goto();
  const send = page.getByRole("button", { name: "Send invitations" });
  await expect(send).toBeDisabled();
  await expect(page.getByTestId("selected-count")).toHaveText("Select people first.");
  await staff.row(SHAH).getByRole("checkbox").check();
  await expect(send).toBeEnabled();
  await expect(page.getByTestId("selected-count")).toHaveText("1 selected.");
  await staff.row(SHAH).getByRole("checkbox").uncheck();
  await expect(send).toBeDisabled();
  await staff.row(SHAH).getByRole("checkbox").check();

  const layout = () =>
    page.evaluate(() => {
      const table = document.querySelector('[data-testid="staff-table"]')!.getBoundingClientRect();
      const columns = [...document.querySelectorAll('[data-testid="staff-table"] th')].map((th) => {
        const box = th.getBoundingClientRect();
        return [Math.round(box.left), Math.round(box.width)];
      });
      return { top: Math.round(table.top + window.scrollY), left: Math.round(table.left), columns };
    });
  const before = await layout();
  await send.click();
  await expect(staff.result()).toContainText("Sent 1 invitation.");
  await expect(staff.status(SHAH)).toHaveText("Invited");
  expect(await layout()).toEqual(before);
  await expect(send).toBeDisabled(); // the selection went with the sending
  await staff.result().getByRole("button", { name: "Dismiss" }).click();
  await expect(staff.result()).toHaveText("");
});

test("Deactivate is styled as destructive and still asks first", async () => {
  await staff.goto("?q=shah");
  const deactivate = staff.row(SHAH).getByRole("button", { name: "Deactivate Shah, Priya" });
  const resend = staff.row(SHAH).getByRole("button", { name: "Resend to Shah, Priya" });
  const [danger, plain] = await Promise.all([
    deactivate.evaluate((button) => getComputedStyle(button).color),
    resend.evaluate((button) => getComputedStyle(button).color),
  ]);
  expect(isRed(danger), danger).toBe(true);
  expect(isRed(plain), plain).toBe(false);
  await deactivate.click();
  await expect(staff.row(SHAH).getByTestId("confirm-message")).toContainText("signed out at once");
  await staff.row(SHAH).getByRole("button", { name: "Cancel" }).click();
  await expect(staff.status(SHAH)).toHaveText("Invited");
});
