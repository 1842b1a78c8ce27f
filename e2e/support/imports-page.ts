import { expect, type Page } from "@playwright/test";

export type UploadFile = string | { name: string; mimeType: string; buffer: Buffer };
type Kind = "Combined" | "Staff" | "Students" | "OneRoster / Clever / SDS set";

/** "New import" and an import's page, as an admin uses them. */
export class ImportsPage {
  constructor(private readonly page: Page) {}

  /** Chooses the kind and the file and presses "Upload and preview" (does not wait for the result). */
  async startUpload(file: UploadFile | Array<Exclude<UploadFile, string>>, kind: Kind = "Combined") {
    await this.page.goto("/admin/imports/new");
    await this.page.getByRole("radio", { name: new RegExp(`^${kind}`) }).check();
    await this.page.locator('input[type="file"]').setInputFiles(file);
    await this.page.getByRole("button", { name: "Upload and preview" }).click();
  }

  /** Uploads and waits for the import's page to show it done (preview, held, unchanged or failed). */
  async upload(file: UploadFile | Array<Exclude<UploadFile, string>>, kind: Kind = "Combined"): Promise<string> {
    await this.startUpload(file, kind);
    await this.page.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await this.settled();
    return this.page.url().split("/").pop() ?? "";
  }

  /** The page follows a queued or running import by itself; waits until a worker is done with it. */
  async settled() {
    await expect(this.page.getByTestId("import-waiting")).toHaveCount(0, { timeout: 120_000 });
  }

  status() {
    return this.page.getByTestId("status-badge").first();
  }

  count(type: string, change: "created" | "updated" | "reactivated" | "deactivated") {
    return this.page.getByTestId(`count-${type}-${change}`);
  }

  /** "Apply anyway" asks first: the confirmation states the counts and needs "Yes, apply". */
  async apply(label: "Apply" | "Apply anyway" = "Apply") {
    await this.page.getByRole("button", { name: label, exact: true }).click();
    if (label === "Apply anyway") await this.page.getByRole("button", { name: "Yes, apply", exact: true }).click();
    await expect(this.page.getByRole("button", { name: label, exact: true })).toHaveCount(0, { timeout: 60_000 });
    await this.settled();
  }

  async discard() {
    await this.page.getByRole("button", { name: "Discard", exact: true }).click();
    await expect(this.status()).toHaveText("Discarded");
  }
}
