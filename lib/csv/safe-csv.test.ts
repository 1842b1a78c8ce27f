import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { safeCsvLines, toSafeCsv } from "./safe-csv";

/** What a spreadsheet reads from the cell the writer wrote for `value`. */
const cellOf = (value: Parameters<typeof safeCsvLines>[0][number][number]) =>
  Papa.parse<string[]>(safeCsvLines([[value, "end"]]).trimEnd(), { newline: "\r\n" }).data[0]?.[0];

describe("safeCsvLines", () => {
  it.each([
    ['=HYPERLINK("http://evil.test","x")', '\'=HYPERLINK("http://evil.test","x")'],
    ["+1 555 0100", "'+1 555 0100"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
    ["=1+1\nsecond line", "'=1+1\nsecond line"],
  ])("prefixes %j with an apostrophe", (input, expected) => {
    expect(cellOf(input)).toBe(expected);
  });

  it.each(["Ann", "O'Brien", "000123", " =not at the start", "a=b", "Smith, Jr.", ""])("keeps %j as it is", (input) => {
    expect(cellOf(input)).toBe(input);
  });

  it("writes null and undefined as empty cells and keeps numbers and booleans", () => {
    expect(cellOf(null)).toBe("");
    expect(cellOf(undefined)).toBe("");
    expect(cellOf(-5)).toBe("-5");
    expect(cellOf(false)).toBe("false");
    expect(safeCsvLines([[-5, false, null]])).toBe("-5,false,\r\n");
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
