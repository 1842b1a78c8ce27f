import { guessKind, looksLikeHeader } from "./map-headers";
import { ImportFileError, type ImportKind } from "./types";
import type { ValidatedFile } from "./validated-file";

// A file of the wrong kind (a students file imported as Staff) must not be half-accepted as a
// preview full of row errors: when no row can be read as the chosen kind, the import fails and
// says which kind the file looks like.

const CHOICE: Record<ImportKind, string> = { combined: "Combined", staff: "Staff", students: "Students" };
/** "No row could be read as …". */
const AS: Record<ImportKind, string> = { combined: "a combined roster", staff: "staff", students: "students" };

/**
 * The kind the header looks like, when it is another kind than the chosen one. A combined file
 * that lacks a column has every column of a students (or staff) file: it is still taken for the
 * combined file it mostly is.
 */
function otherKind(header: string[], kind: ImportKind): ImportKind | null {
  if (kind === "combined" && looksLikeHeader(header, "combined")) return null;
  const guess = guessKind(header);
  return guess && guess !== kind ? guess : null;
}

function wrongKind(kind: ImportKind, other: ImportKind, where: string): ImportFileError {
  return new ImportFileError(
    "wrong_kind",
    `${where}No row could be read as ${AS[kind]}. Is this a ${other} file? Choose "${CHOICE[other]}" as the kind of file, or check its columns.`,
  );
}

/** A required column is missing and the header is that of another kind: say so instead. */
export function wrongKindForMissingColumn(header: string[], kind: ImportKind, where: string): ImportFileError | null {
  const other = otherKind(header, kind);
  return other ? wrongKind(kind, other, where) : null;
}

/**
 * Every row was rejected: the import fails. The message names the kind the header looks like, or
 * else the first row's problem (the file is the right kind, but not one row of it is usable).
 */
export function noRowReadError(header: string[], file: ValidatedFile, where: string): ImportFileError | null {
  if (file.rowCount === 0 || file.errorRows < file.rowCount) return null;
  const other = otherKind(header, file.kind);
  if (other) return wrongKind(file.kind, other, where);
  const first = file.issues.find((issue) => issue.severity === "error" && issue.row !== null);
  const rows =
    file.rowCount === 1 ? "its one row has an error" : `all ${file.rowCount.toLocaleString("en-US")} rows have errors`;
  return new ImportFileError(
    "no_valid_rows",
    `${where}No row could be read as ${AS[file.kind]}: ${rows}${first ? `, the first on row ${first.row}: ${first.message}` : "."}`,
    first ? { row: first.row ?? undefined, column: first.column ?? undefined } : {},
  );
}
