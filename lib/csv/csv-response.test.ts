import { describe, expect, it } from "vitest";
import { csvFileName, csvResponse } from "./csv-response";

describe("csvResponse", () => {
  it("streams a BOM, the header and every batch, neutralising formula cells", async () => {
    const response = csvResponse<{ id: string; name: string }>(
      "students-2026-09-01.csv",
      [
        { label: "Student ID", value: (r) => r.id },
        { label: "Name", value: (r) => r.name },
      ],
      async (onBatch) => {
        onBatch([{ id: "001", name: "=cmd|' /C calc'!A0" }]);
        onBatch([]);
        onBatch([{ id: "002", name: "Smith, Jr." }]);
      },
    );
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="students-2026-09-01.csv"');
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text).toBe('\uFEFFStudent ID,Name\r\n001,"\'=cmd|\' /C calc\'!A0"\r\n002,"Smith, Jr."\r\n');
  });

  it("a failing query ends the download with an error instead of a short file", async () => {
    const response = csvResponse<{ id: string }>("x.csv", [{ label: "id", value: (r) => r.id }], async () => {
      throw new Error("connection lost");
    });
    const spy = console.error;
    console.error = () => {};
    try {
      await expect(response.text()).rejects.toThrow();
    } finally {
      console.error = spy;
    }
  });
});

describe("csvFileName", () => {
  it("dates the file in the organization's time zone", () => {
    const lateEvening = new Date("2026-09-02T03:30:00Z"); // 22:30 on 1 September in Chicago
    expect(csvFileName("classes", "America/Chicago", lateEvening)).toBe("classes-2026-09-01.csv");
    expect(csvFileName("classes", "Europe/Berlin", lateEvening)).toBe("classes-2026-09-02.csv");
  });
});
