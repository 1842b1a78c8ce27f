import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { CRON_SECRET, dropRootFor } from "./support/e2e-env.mjs";
import { SettingsPage } from "./support/settings-page";
import { SignInPage } from "./support/sign-in-page";

// The nightly sync: an admin configures a drop folder in Settings, the SIS job writes a file into
// it, the scheduler calls /api/cron/nightly with the secret, and the import is on Import Details
// as Nightly. Then a script pushes a file with an API token made in Settings.

const ADMIN = "admin@demo.test";
const port = process.env.E2E_PORT ?? "3210";
const folder = path.join(dropRootFor(port), "demo", "sis");
const HEADER =
  "Term,School ID,Class Name,Class ID,Class Period,Student First,Student Last,Student ID,Teacher First,Teacher Last,Teacher Email,Staff ID";
// School 901 is new to the demo roster: nothing of the other specs' schools is in scope.
const roster = [
  HEADER,
  "2026-27,901,Robotics,N-901,3,Ivy,Ng,N-S1,Omar,Diaz,omar.diaz@lincoln-usd.test,",
  "2026-27,901,Robotics,N-901,3,Jo,Park,N-S2,Omar,Diaz,omar.diaz@lincoln-usd.test,",
].join("\r\n");

test.describe.configure({ mode: "serial" });

let page: Page;
let settings: SettingsPage;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  settings = new SettingsPage(page);
  await new SignInPage(page).signIn(ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
});

test.afterAll(async () => {
  await page.close();
});

test("a drop folder configured in Settings is imported by the cron route and listed as Nightly", async ({
  request,
}) => {
  mkdirSync(folder, { recursive: true }); // the SFTP job's folder
  await settings.open();
  await settings.addDropFolder({
    name: "SIS nightly",
    folder: "sis",
    pattern: "roster_*.csv",
    expectedTime: "05:30",
    timeZone: "America/Chicago",
    grace: "90",
  });
  const source = settings.source("SIS nightly");
  await expect(source).toContainText("Folder sis, files roster_*.csv");
  await expect(source).toContainText("Expected by 05:30 America/Chicago, grace 90 min");

  // Nothing there yet: "Test now" says so, naming the folder as the admin wrote it.
  await source.getByRole("button", { name: "Test now" }).click();
  await expect(source.getByTestId("last-check")).toContainText(
    "no new file. No file matching roster_*.csv in the folder sis.",
  );

  // The SIS job writes tonight's file (finished writing a few minutes ago).
  const file = path.join(folder, "roster_nightly.csv");
  writeFileSync(file, roster);
  const finished = new Date(Date.now() - 5 * 60_000);
  utimesSync(file, finished, finished);

  expect((await request.get("/api/cron/nightly")).status()).toBe(401);
  expect((await request.get("/api/cron/nightly", { headers: { authorization: "Bearer wrong-secret" } })).status()).toBe(
    401,
  );
  const response = await request.get("/api/cron/nightly", { headers: { authorization: `Bearer ${CRON_SECRET}` } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { ok: boolean; sources: Array<Record<string, unknown>> };
  expect(body.sources).toContainEqual(
    expect.objectContaining({
      organization: "demo",
      source: "SIS nightly",
      outcome: "imported",
      status: "applied",
      file: "roster_nightly.csv",
    }),
  );
  expect(existsSync(file)).toBe(false); // the file is not kept
  expect(readdirSync(folder)).toEqual([]);

  await page.goto("/admin/imports?source=nightly");
  const row = page.getByTestId("import-row").first();
  await expect(row).toContainText("Nightly");
  await expect(row).toContainText("roster_nightly.csv");
  await expect(row).toContainText("SIS nightly");
  await expect(row.getByTestId("status-badge")).toHaveText("Applied");
  await expect(row).toContainText("+1 class, 2 students, 1 staff, 2 enrollments added");
  await expect(page.getByTestId("missing-nightly-banner")).toHaveCount(0);

  await settings.open();
  await expect(settings.source("SIS nightly").getByTestId("last-check")).toContainText(
    "imported roster_nightly.csv: applied.",
  );

  // The same pass again: this cycle has its import.
  const again = (await (
    await request.post("/api/cron/nightly", { headers: { authorization: `Bearer ${CRON_SECRET}` } })
  ).json()) as typeof body;
  expect(again.sources).toContainEqual(expect.objectContaining({ source: "SIS nightly", outcome: "not_due" }));
});

test("a script pushes a file with an API token created in Settings", async ({ request }) => {
  await settings.open();
  const token = await settings.createToken("PowerSchool script");
  expect(token).toMatch(/^rs_[\w-]{43}$/);
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0); // shown once
  const listed = page.getByTestId("token").filter({ hasText: "PowerSchool script" });
  await expect(listed).toContainText(token.slice(0, 10));
  await expect(listed).toContainText("Never");

  const pushed = await request.post("/api/v1/imports?kind=combined&name=push.csv", {
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
    data: Buffer.from(roster),
  });
  expect(pushed.status()).toBe(202);
  const { id, status, statusUrl } = await pushed.json();
  expect(status).toBe("unchanged"); // the same content the nightly import applied
  const summary = await request.get(statusUrl, { headers: { authorization: `Bearer ${token}` } });
  expect(await summary.json()).toMatchObject({ id, status: "unchanged", kind: "combined", fileName: "push.csv" });

  await page.goto("/admin/imports");
  await expect(page.getByTestId("import-row").first()).toContainText('API token "PowerSchool script"');
  await settings.open();
  await expect(listed).not.toContainText("Never");
  await listed.getByRole("button", { name: "Revoke PowerSchool script" }).click();
  await expect(listed).toContainText("Revoked");
  expect((await request.get(statusUrl, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);

  await settings.source("SIS nightly").getByRole("button", { name: "Delete SIS nightly" }).click();
  await expect(settings.source("SIS nightly")).toHaveCount(0);
});
