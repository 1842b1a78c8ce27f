import { expect, type Page } from "@playwright/test";
import { latestLinkTo } from "./outbox";

/** The sign-in page, as a person uses it. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async requestLink(email: string) {
    await this.page.goto("/sign-in");
    await this.page.getByLabel("Work email").fill(email);
    await this.page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(this.page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  }

  /** Requests a link, opens it from the outbox and presses "Sign in". */
  async signIn(email: string) {
    await this.requestLink(email);
    const link = await latestLinkTo(this.page, email);
    await this.page.goto(link);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }
}
