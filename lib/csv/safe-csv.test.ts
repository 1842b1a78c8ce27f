import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { neutraliseCell, safeCsvLines, toSafeCsv } from "./safe-csv";

describe("neutraliseCell", () => {
  it.each([
    ['=HYPERLINK("http://evil.test","x")', '\'=HYPERLINK("http://evil.test","x")'],
    ["+1 555 0100", "'+1 555 0100"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
  ])("prefixes %j with an apostrophe", (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it.each(["Ann", "O'Brien", "000123", " =not at the start", "a=b", "Smith, Jr.", ""])("keeps %j as it is", (input) => {
    expect(neutraliseCell(input)).toBe(input);
  });

  it("writes null and undefined as empty cells and keeps numbers and booleans", () => {
    expect(neutraliseCell(null)).toBe("");
    expect(neutraliseCell(undefined)).toBe("");
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(false)).toBe(false);
  });
});

describe("toSafeCsv", () => {
  it("writes a header and quoted, neutralised rows with CRLF line ends that read back as written", () => {
    const text = toSafeCsv(
      ["id", "name"],
      [
        ["007", "=1+1"],
        ["8", 'Smith, "Jr."\nline two'],
      ],
    );
    expect(text.endsWith("\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: "\r\n" }).data;
    expect(parsed).toEqual([
      ["id", "name"],
      ["007", "'=1+1"],
      ["8", 'Smith, "Jr."\nline two'],
    ]);
  });

  it("writes nothing for no rows", () => {
    expect(safeCsvLines([])).toBe("");
  });
});
