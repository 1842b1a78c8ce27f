import { expect, type Page } from "@playwright/test";

/** A teacher's My classes: classes grouped by term, and a class's roster. */
export class MyClassesPage {
  constructor(private readonly page: Page) {}

  async expectOpen() {
    await expect(this.page).toHaveURL(/\/my-classes$/);
    await expect(this.page.getByRole("heading", { name: "My classes" })).toBeVisible();
  }

  /** The term headings, in page order. */
  terms(): Promise<string[]> {
    return this.page.getByRole("main").getByRole("heading", { level: 2 }).allInnerTexts();
  }

  /** The class names listed under a term. */
  classesIn(term: string): Promise<string[]> {
    return this.page
      .getByRole("table", { name: `Classes in ${term}` })
      .locator("tbody tr td:first-child")
      .allInnerTexts();
  }

  async openClass(name: string) {
    await this.page.getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { name, level: 1 })).toBeVisible();
  }

  /** The roster as "Last, First, Student ID" lines. */
  async roster(): Promise<string[]> {
    const rows = this.page.getByRole("table", { name: "Students" }).locator("tbody tr");
    return (await rows.allInnerTexts()).map((row) =>
      row
        .split("\t")
        .map((cell) => cell.trim())
        .join(", "),
    );
  }
}
