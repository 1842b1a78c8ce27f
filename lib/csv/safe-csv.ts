import Papa from "papaparse";

// CSV files that an admin opens in Excel, LibreOffice or Google Sheets. A cell that starts with
// `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by those programs (CSV
// injection: a student named `=HYPERLINK(...)` in the SIS would run in the admin's spreadsheet),
// so such a value is written with a leading apostrophe, which spreadsheets show as text.
// Every CSV the app lets someone download goes through here.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** The value as a spreadsheet must see it: text that would start a formula gets a leading `'`. */
export function neutraliseCell(value: CsvValue): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV lines (CRLF after every line) of these rows, each cell neutralised. */
export function safeCsvLines(rows: readonly (readonly CsvValue[])[]): string {
  if (rows.length === 0) return "";
  return `${Papa.unparse(
    rows.map((row) => row.map(neutraliseCell)),
    { newline: "\r\n" },
  )}\r\n`;
}

/** A whole CSV file: the header row, then the rows. */
export function toSafeCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return safeCsvLines([header, ...rows]);
}
