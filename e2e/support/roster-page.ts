import { expect, type Locator, type Page } from "@playwright/test";

type Tab = "Schools" | "Classes" | "Students" | "Staff";

/** The admin's Roster: its tabs, the filter form and the list. */
export class RosterPage {
  constructor(private readonly page: Page) {}

  /** Opens Roster from the main navigation, then the tab. */
  async open(tab: Tab) {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roster" }).click();
    await expect(this.page.getByRole("heading", { name: "Roster" })).toBeVisible();
    await this.page.getByRole("navigation", { name: "Roster" }).getByRole("link", { name: tab }).click();
    await expect(
      this.page.getByRole("navigation", { name: "Roster" }).getByRole("link", { name: tab }),
    ).toHaveAttribute("aria-current", "page");
  }

  async search(text: string) {
    await this.page.getByRole("searchbox").fill(text);
    await this.page.getByRole("button", { name: "Apply" }).click();
  }

  async choose(filter: "School" | "Term" | "Teacher" | "Status", option: string) {
    await this.page.getByLabel(filter, { exact: true }).selectOption({ label: option });
    await this.page.getByRole("button", { name: "Apply" }).click();
  }

  /** The rows of the list (or of the named table on a detail page). */
  rows(table: string): Locator {
    return this.page.getByRole("table", { name: table, exact: true }).locator("tbody tr");
  }

  /** The text of one column of a table, row by row. */
  async column(table: string, index: number): Promise<string[]> {
    return this.rows(table)
      .locator(`td:nth-child(${index + 1})`)
      .allInnerTexts();
  }
}
