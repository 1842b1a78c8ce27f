import { expect, type Locator, type Page } from "@playwright/test";

/** The admin's Staff page, as an admin uses it. */
export class StaffPage {
  constructor(private readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/admin/staff${query}`);
    await expect(this.page.getByRole("heading", { name: "Staff" })).toBeVisible();
  }

  row(email: string): Locator {
    return this.page.getByTestId("staff-row").filter({ has: this.page.getByText(email, { exact: true }) });
  }

  status(email: string): Locator {
    return this.row(email).getByTestId("staff-status");
  }

  /** Ticks each person and presses "Send invitations"; waits for the result message. */
  async invite(...emails: string[]) {
    for (const email of emails) await this.row(email).getByRole("checkbox").check();
    await this.page.getByRole("button", { name: "Send invitations" }).click();
    await expect(this.result()).toContainText(`Sent ${emails.length} invitation`);
  }

  /** `status` is the filter's value ("not_invited", "invited", …); `school` its label. */
  async filter(options: { status?: string; school?: string; q?: string }) {
    const filters = this.page.getByRole("search", { name: "Filters" });
    if (options.q !== undefined) await filters.getByLabel("Search staff").fill(options.q);
    if (options.status) await filters.getByLabel("Status").selectOption(options.status);
    if (options.school) await filters.getByLabel("School").selectOption({ label: options.school });
    await filters.getByRole("button", { name: "Filter" }).click();
  }

  /** What the last button did (a notice floating over the page's corner). */
  result(): Locator {
    return this.page.getByTestId("staff-notice");
  }
}
