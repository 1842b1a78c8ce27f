import { expect, type Page } from "@playwright/test";

/** Settings → Nightly sync and API tokens, as an admin uses them. */
export class SettingsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/admin/settings");
    await expect(this.page.getByRole("heading", { name: "Settings" })).toBeVisible();
  }

  async addDropFolder(source: {
    name: string;
    folder: string;
    pattern: string;
    expectedTime: string;
    timeZone: string;
    grace: string;
  }) {
    const form = this.page.getByRole("form", { name: "Add a nightly source" });
    await form.getByLabel("Name", { exact: true }).fill(source.name);
    await form.getByLabel("Kind of file").selectOption("combined");
    await form.getByLabel("Drop folder on the server").check();
    await form.getByLabel(/^Folder/).fill(source.folder);
    await form.getByLabel(/^File name pattern/).fill(source.pattern);
    await form.getByLabel("Expected by").fill(source.expectedTime);
    await form.getByLabel("Time zone", { exact: true }).selectOption(source.timeZone);
    await form.getByLabel("Grace (minutes)").fill(source.grace);
    await form.getByRole("button", { name: "Add source" }).click();
    await expect(form.getByRole("status")).toHaveText(`Added "${source.name}".`);
  }

  /** Adds an HTTPS URL source (no credential). */
  async addUrl(source: { name: string; url: string }) {
    const form = this.page.getByRole("form", { name: "Add a nightly source" });
    await form.getByLabel("Name", { exact: true }).fill(source.name);
    await form.getByLabel("HTTPS URL").check();
    await form.getByLabel("URL", { exact: true }).fill(source.url);
    await form.getByRole("button", { name: "Add source" }).click();
    await expect(form.getByRole("status")).toHaveText(`Added "${source.name}".`);
  }

  source(name: string) {
    return this.page.getByTestId("source").filter({ hasText: name });
  }

  /** Creates an API token and returns it as shown (once). */
  async createToken(name: string): Promise<string> {
    const form = this.page.getByRole("form", { name: "Create an API token" });
    await form.getByLabel("Token name").fill(name);
    await form.getByRole("button", { name: "Create token" }).click();
    const token = this.page.getByTestId("new-token");
    await expect(token).toBeVisible();
    return (await token.textContent())?.trim() ?? "";
  }
}
