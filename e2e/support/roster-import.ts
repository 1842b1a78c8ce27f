import { expect, type Page } from "@playwright/test";
import { ImportsPage } from "./imports-page";

/** Uploads a roster file on Imports → New import, checks the preview's staff count when given, and applies it. */
export async function importRoster(page: Page, fileName: string, csv: string, expect_: { staffCreated?: number } = {}) {
  const imports = new ImportsPage(page);
  await imports.upload({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(imports.status()).toHaveText("Preview");
  if (expect_.staffCreated !== undefined)
    await expect(imports.count("staff", "created")).toHaveText(String(expect_.staffCreated));
  await imports.apply();
  await expect(imports.status()).toHaveText("Applied");
}

/** A combined roster file: one line per student in a class. */
export function combinedCsv(
  rows: Array<{
    school: string;
    classId: string;
    className: string;
    period: string;
    student: [string, string, string];
    teacher: [string, string, string];
  }>,
) {
  const header =
    "Term,School ID,Class Name,Class ID,Class Period,Student First,Student Last,Student ID,Teacher First,Teacher Last,Teacher Email";
  const lines = rows.map((r) =>
    ["2026-27", r.school, r.className, r.classId, r.period, ...r.student, ...r.teacher].join(","),
  );
  return [header, ...lines].join("\n");
}
