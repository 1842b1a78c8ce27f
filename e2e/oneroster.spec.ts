import { expect, test } from "@playwright/test";
import { cleverFiles, oneRosterFiles, zipFiles, type SetModel } from "../tests/support/roster-sets";
import { ImportsPage } from "./support/imports-page";
import { RosterPage } from "./support/roster-page";
import { SignInPage } from "./support/sign-in-page";

// A district whose SIS sends OneRoster: the admin uploads the .zip, reviews the preview, applies
// it, and finds the classes on the Roster; a Clever set chosen as several CSVs at once is one import.

const ADMIN = "admin@demo.test";

const model: SetModel = {
  schools: [{ id: "OR-1", name: "Oak Ridge High" }],
  classes: [
    {
      id: "OR-C1",
      name: "OneRoster Algebra",
      period: "1",
      term: "OR Fall",
      school: "OR-1",
      teachers: ["OR-T1", "OR-T2"],
    },
    { id: "OR-C2", name: "OneRoster Chemistry", period: "2", term: "OR Fall", school: "OR-1", teachers: ["OR-T1"] },
  ],
  students: [
    { id: "OR-S1", first: "Oona", last: "Reyes", grade: "10", school: "OR-1" },
    { id: "OR-S2", first: "Omar", last: "Rossi", grade: "11", school: "OR-1" },
  ],
  teachers: [
    { id: "OR-T1", first: "Olga", last: "Ruiz", email: "olga.ruiz@oakridge.test", school: "OR-1" },
    { id: "OR-T2", first: "Otto", last: "Roth", email: "otto.roth@oakridge.test", school: "OR-1" },
  ],
  enrollments: [
    ["OR-C1", "OR-S1"],
    ["OR-C1", "OR-S2"],
    ["OR-C2", "OR-S1"],
  ],
};

test.describe.configure({ mode: "serial" });

test("upload a OneRoster .zip, preview, apply, and the Roster shows its classes", async ({ page }) => {
  await new SignInPage(page).signIn(ADMIN);
  const imports = new ImportsPage(page);
  const zip = {
    name: "oneroster-export.zip",
    mimeType: "application/zip",
    buffer: Buffer.from(zipFiles(oneRosterFiles(model))),
  };
  await imports.upload(zip, "OneRoster / Clever / SDS set");
  await expect(imports.status()).toHaveText("Preview");
  await expect(imports.count("classes", "created")).toHaveText("2");
  await expect(imports.count("students", "created")).toHaveText("2");
  await expect(imports.count("staff", "created")).toHaveText("2");
  await expect(imports.count("enrollments", "created")).toHaveText("3");
  await expect(imports.count("assignments", "created")).toHaveText("3");
  await imports.apply();
  await expect(imports.status()).toHaveText("Applied");

  const roster = new RosterPage(page);
  await roster.open("Classes");
  await roster.search("OneRoster");
  expect(await roster.column("Classes", 0)).toEqual(["OneRoster Algebra", "OneRoster Chemistry"]);
  await expect(page.getByRole("link", { name: "Download roster (OneRoster 1.1 CSV)" })).toBeVisible();
  // The School menu names the set's school, with its id.
  await roster.choose("School", "Oak Ridge High (OR-1)");
  await expect(page).toHaveURL(/[?&]school=\d+/);
  await expect(roster.rows("Classes")).toHaveCount(2);
  expect(await roster.column("Classes", 0)).toEqual(["OneRoster Algebra", "OneRoster Chemistry"]);

  // The Schools tab shows the set's org name, the name first and the id beside it.
  await roster.open("Schools");
  await roster.search("OR-1");
  await expect(roster.rows("Schools")).toHaveCount(1);
  expect(await roster.column("Schools", 0)).toEqual([expect.stringContaining("Oak Ridge High")]);
  expect(await roster.column("Schools", 1)).toEqual(["OR-1"]);
});

test("a Clever set chosen as several CSV files at once is one import; a broken reference names its file", async ({
  page,
}) => {
  await new SignInPage(page).signIn(ADMIN);
  const imports = new ImportsPage(page);
  const files = cleverFiles(model, { lineEnd: "\r" }).map((file) => ({
    name: file.name,
    mimeType: "text/csv",
    buffer: Buffer.from(
      file.name === "enrollments.csv"
        ? new TextDecoder().decode(file.bytes).concat("OR-1,OR-C9,OR-S1\r")
        : new TextDecoder().decode(file.bytes),
    ),
  }));
  await imports.upload(files);
  await expect(imports.status()).toHaveText("Preview");
  // The demo organization may have schools this set does not name (a warning row comes first then).
  const issue = page.getByTestId("issue-row").filter({ hasText: "enrollments.csv" }).first();
  await expect(issue).toContainText("enrollments.csv");
  await expect(issue).toContainText("Section_id");
  await expect(issue).toContainText('"OR-C9"');
  await imports.discard();
});
