import Papa from "papaparse";

// The one CSV writer: every CSV the app lets someone download (the roster lists, an import's
// issues) and `rostersync export --format csv` go through here. They are opened in Excel,
// LibreOffice or Google Sheets, which read a cell that starts with `=`, `+`, `-`, `@`, a tab or a
// carriage return as a formula (CSV injection: a student named `=HYPERLINK(...)` in the SIS would
// run in the admin's spreadsheet), so Papa's `escapeFormulae` writes such a cell quoted with a
// leading apostrophe, which spreadsheets show as text. (Papa's own default pattern ends in `.*$`
// and so misses a formula followed by a line break; ours looks at the first character only.)

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** CSV lines (CRLF after every line) of these rows; null and undefined are empty cells. */
export function safeCsvLines(rows: readonly (readonly CsvValue[])[]): string {
  if (rows.length === 0) return "";
  return `${Papa.unparse(rows as CsvValue[][], { newline: "\r\n", escapeFormulae: FORMULA_START })}\r\n`;
}

/** A whole CSV file: the header row, then the rows. */
export function toSafeCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return safeCsvLines([header, ...rows]);
}
