import { expect, type Page } from "@playwright/test";

/** The page an invitation mail links to, as the invited teacher sees it. */
export class InvitationPage {
  constructor(private readonly page: Page) {}

  async open(link: string) {
    expect(new URL(link).pathname).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    await this.page.goto(link);
  }

  async accept() {
    await this.page.getByRole("button", { name: "Accept", exact: true }).click();
  }
}
