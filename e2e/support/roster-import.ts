import { expect, type Page } from "@playwright/test";

/**
 * Imports a roster file as the signed-in admin through the real pipeline (test-only /dev/import;
 * Imports → New import replaces it once the upload page exists). Answers the import result.
 */
export async function importRoster(page: Page, fileName: string, csv: string, kind = "combined") {
  const response = await page.request.post("/dev/import", {
    multipart: { kind, file: { name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") } },
  });
  expect(response.status()).toBe(200);
  const result = (await response.json()) as { status: string; counts: Record<string, { created: number }> };
  expect(["applied", "applied_with_errors"]).toContain(result.status);
  return result;
}

/** A combined roster file: one line per student in a class. */
export function combinedCsv(rows: Array<{ school: string; classId: string; className: string; period: string; student: [string, string, string]; teacher: [string, string, string] }>) {
  const header = "Term,School ID,Class Name,Class ID,Class Period,Student First,Student Last,Student ID,Teacher First,Teacher Last,Teacher Email";
  const lines = rows.map((r) => ["2026-27", r.school, r.className, r.classId, r.period, ...r.student, ...r.teacher].join(","));
  return [header, ...lines].join("\n");
}
