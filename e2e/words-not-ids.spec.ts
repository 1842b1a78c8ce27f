import { expect, test, type Page } from "@playwright/test";
import { ImportsPage } from "./support/imports-page";
import { SignInPage } from "./support/sign-in-page";

// Issue 18, points 2, 3, 4 and 6: previews and Import Details in names and words, the skipped
// rows next to Apply, the full list behind "… and N more", failure and empty states. Its files
// use a school of their own (W901), so other specs' rosters in Demo District are not in scope; it
// runs after the specs that count Demo District's schools (imports.spec.ts).

const ADMIN = "admin@demo.test";
const HEADER =
  "Term,School ID,Class Name,Class ID,Class Period,Student First,Student Last,Student ID,Teacher First,Teacher Last,Teacher Email,Staff ID";
const LONG_NAME = "sis-export-world-history-lincoln-high-school-2026-27-semester-one-final-version-2.csv";

/** World History 4 (004731, period 6) with Zoë Smith (000417) and `students - 1` others. */
function rosterLines(students: number, leave: string[] = []) {
  const lines = [`2026-27,W901,World History 4,004731,6,Zoë,Smith,000417,Ann,Lee,ann.lee@w901.test,`];
  for (let i = 2; i <= students; i += 1) {
    const id = `W${String(i).padStart(4, "0")}`;
    lines.push(`2026-27,W901,World History 4,004731,6,Stu${i},Dent,${id},Ann,Lee,ann.lee@w901.test,`);
  }
  return lines.filter((line) => !leave.some((id) => line.includes(`,${id},`)));
}
const csvFile = (name: string, lines: string[]) => ({
  name,
  mimeType: "text/csv",
  buffer: Buffer.from([HEADER, ...lines].join("\r\n")),
});

test.describe.configure({ mode: "serial" });

let page: Page;
let imports: ImportsPage;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  imports = new ImportsPage(page);
  await new SignInPage(page).signIn(ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
});

test.afterAll(async () => {
  await page.close();
});

test("a preview names people and classes, sums up skipped rows next to Apply, and lists every change", async () => {
  const bad = [
    "2026-27,W901,World History 4,004731,6,Blank,Id,,Ann,Lee,ann.lee@w901.test,",
    "2026-27,W901,World History 4,004731,6,Bo,Kim,W9999,Ann,Lee,not-an-email,",
  ];
  await imports.upload(csvFile(LONG_NAME, [...rosterLines(60), ...bad]));
  await expect(imports.status()).toHaveText("Preview");

  // Errors next to Apply, linked to the issues; the issues read in words first, the code after.
  const summary = page.getByTestId("decision-summary");
  await expect(summary).toContainText("Applying will make these changes:");
  await expect(summary).toContainText("60 students added");
  await expect(summary.getByTestId("skipped-rows")).toHaveText(
    "2 rows will be skipped (1 blank student id, 1 invalid teacher email) — see issues",
  );
  await summary.getByRole("link", { name: "see issues" }).click();
  await expect(page).toHaveURL(/#issues$/);
  await expect(page.locator("#issues")).toBeInViewport();
  const group = page.getByTestId("issue-group").filter({ hasText: "blank_value" });
  await expect(group.getByTestId("issue-group-message")).toHaveText("Student id is blank.");
  expect((await group.innerText()).indexOf("Student id is blank.")).toBeLessThan(
    (await group.innerText()).indexOf("blank_value"),
  );

  // Names, not ids.
  const samples = page.getByTestId("samples");
  await expect(samples).toContainText("Zoë Smith (000417) joined World History 4 (004731, period 6)");
  await expect(samples).toContainText("Zoë Smith (000417)");
  await expect(samples).not.toContainText("Student 000417");

  // "… and 55 more" opens the full list: paged, searchable (accents and case aside).
  await page.getByTestId("more-changes").filter({ hasText: "55 more" }).first().click();
  await expect(page.getByRole("heading", { name: /that would be added$/ })).toBeVisible();
  await expect(page.getByTestId("change-item")).toHaveCount(50);
  await expect(page.getByText("1–50 of 60")).toBeVisible();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.getByTestId("change-item")).toHaveCount(10);
  await page.getByRole("searchbox").fill("zoe smith");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("change-item")).toHaveCount(1);
  await expect(page.getByTestId("change-item").first()).toContainText("Zoë Smith (000417)");
  await page.getByRole("link", { name: `← ${LONG_NAME}` }).click();

  // After Apply: a success message with the counts, and the rows it skipped.
  await imports.apply();
  const applied = page.getByTestId("applied-message");
  await expect(applied).toContainText("Applied: ");
  await expect(applied).toContainText("60 students added");
  await expect(applied).toContainText("60 enrollments added");
  await expect(applied.getByTestId("skipped-rows")).toContainText("2 rows were skipped");

  // The full list of an applied import: the records it wrote, by name.
  await page.getByTestId("more-changes").filter({ hasText: "55 more" }).first().click();
  await expect(page.getByText("1–50 of 60")).toBeVisible();
  await page.getByRole("searchbox").fill("Smith");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("change-item")).toHaveCount(1);
});

test("Import Details at 390 px: file and time, status and changes come first; the rest scrolls in the table's frame", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto("/admin/imports");
    const frame = page.getByTestId("imports-table-frame");
    await expect(frame).toBeVisible();
    const layout = await frame.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const headers = [...element.querySelectorAll("thead th")].map((th) => {
        const cell = th.getBoundingClientRect();
        return { name: th.textContent?.trim() ?? "", whole: cell.right <= box.right + 1, seen: cell.left < box.right };
      });
      return {
        headers,
        scrolls: element.scrollWidth > element.clientWidth,
        pageWidth: document.scrollingElement?.scrollWidth ?? 0,
        window: window.innerWidth,
      };
    });
    // The columns in view are the ones a district admin looks for first, File and Status whole.
    expect(layout.headers.filter((h) => h.seen).map((h) => h.name)).toEqual(["File", "Status", "Changes"]);
    expect(layout.headers.slice(0, 2).every((h) => h.whole)).toBe(true);
    // The rest scrolls inside the table's own frame; the page itself never scrolls sideways.
    expect(layout.scrolls).toBe(true);
    expect(layout.pageWidth).toBeLessThanOrEqual(layout.window);
    // The file's row says when, under its name.
    const row = page.getByTestId("import-row").filter({ hasText: LONG_NAME }).first();
    await expect(row.getByTestId("import-when")).toHaveText(/\d{4} \d{1,2}:\d{2}/);
    await expect(row.getByTestId("import-when")).toBeInViewport();
  } finally {
    await page.setViewportSize({ width: 1366, height: 768 });
  }
});

test("students who left read by name, and a file that changes nothing says so", async () => {
  await imports.upload(csvFile("world-history-week-2.csv", rosterLines(60, ["000417", "W0002", "W0003"])));
  await expect(imports.status()).toHaveText("Preview");
  const samples = page.getByTestId("samples");
  await expect(samples).toContainText("Zoë Smith (000417) left World History 4 (004731, period 6)");
  await imports.apply();
  await expect(page.getByTestId("applied-message")).toContainText("3 enrollments ended");

  // The same roster in another order: not byte-identical, so it is read, and nothing would change.
  await imports.upload(csvFile("world-history-again.csv", rosterLines(60, ["000417", "W0002", "W0003"]).reverse()));
  await expect(imports.status()).toHaveText("Preview");
  await expect(page.getByTestId("nothing-would-change")).toHaveText(
    "Nothing would change: the roster already matches this file. Applying it only records the import.",
  );
  await imports.discard();
});

test("Import Details at 1366 px: every column visible, names wrap, whole rows link, changes in words", async () => {
  await page.goto("/admin/imports");
  const frame = page.getByTestId("imports-table-frame");
  const overflow = await frame.evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const cell of await page.getByTestId("import-file").all()) {
    const cut = await cell.evaluate((element) => element.scrollWidth > element.clientWidth);
    expect(cut).toBe(false);
  }
  const row = page.getByTestId("import-row").filter({ hasText: LONG_NAME });
  await expect(row.getByTestId("import-file")).toHaveText(LONG_NAME);
  await expect(row.getByTestId("import-changes")).toHaveText("+1 class, 60 students, 1 staff, 60 enrollments added");
  await expect(page.getByTestId("import-changes").filter({ hasText: /[~↺]/ })).toHaveCount(0);
  // A click anywhere on the row (here on its status) opens the import: the link covers the row.
  const badge = await row.getByTestId("status-badge").boundingBox();
  expect(badge).not.toBeNull();
  await page.mouse.click(badge!.x + badge!.width / 2, badge!.y + badge!.height / 2);
  await expect(page).toHaveURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: LONG_NAME })).toBeVisible();
});

test("a failed import states its reason once, offers another file, and its banner goes once that kind succeeds", async () => {
  const staffHeader = "School ID,First Name,Last Name,Email";
  await imports.upload(
    { name: "staff-header-only.csv", mimeType: "text/csv", buffer: Buffer.from(staffHeader) },
    "Staff",
  );
  await expect(imports.status()).toHaveText("Failed");
  const reason = await page.getByTestId("failure-message").innerText();
  expect(reason.length).toBeGreaterThan(10);
  await expect(page.getByText(reason, { exact: true })).toHaveCount(1);
  await page.getByRole("link", { name: "Choose another file" }).click();
  await expect(page).toHaveURL(/\/admin\/imports\/new$/);

  await page.goto("/admin");
  const banner = page.getByTestId("failed-banner");
  await expect(banner).toContainText("staff-header-only.csv");
  await expect(banner).toContainText(
    /failed in the last 7 days, so nothing from (that file|those files) was applied\./,
  );

  // A later staff file that succeeds settles it.
  const staffFile = {
    name: "staff-w901.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${staffHeader}\r\nW901,Ann,Lee,ann.lee@w901.test`),
  };
  await imports.upload(staffFile, "Staff");
  await imports.apply();
  await expect(imports.status()).toHaveText(/Applied/);
  await page.goto("/admin");
  await expect(page.getByTestId("count-staff")).not.toHaveText("0");
  await expect(page.getByText("staff-header-only.csv")).toHaveCount(0);
});
