import { expect, type Page } from "@playwright/test";

/** The newest link mailed to this address, read from the dev outbox page. */
export async function latestLinkTo(page: Page, email: string): Promise<string> {
  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  const link = page.getByTestId("outbox-link").first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  if (!href) throw new Error(`no link mailed to ${email}`);
  return href;
}

/** How many mails the dev outbox holds for this address. */
export async function outboxCount(page: Page, email: string): Promise<number> {
  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  return page.getByTestId("outbox-message").count();
}
