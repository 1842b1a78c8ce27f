import type { ImportBytes } from "./byte-source";
import { guessMapping, looksLikeHeader, mapHeaders } from "./map-headers";
import { readFile } from "./read-file";
import { readFileOffThread } from "./read-off-thread";
import { wrongKindForMissingColumn } from "./wrong-kind";
import { ColumnMappingNeeded, ImportFileError, type ImportKind, type RowTable } from "./types";

/** "Sheet "Roster": " before a message about a spreadsheet, so it names the sheet it read. */
export const where = (table: RowTable) => (table.sheetName ? `Sheet "${table.sheetName}": ` : "");

/** Reads the file in this thread and maps its header; a spreadsheet's messages name its sheet. */
export function readAndMap(
  bytes: ImportBytes,
  kind: ImportKind,
  saved: Record<string, string> | null,
  askForMapping = false,
) {
  return mapTable(readFile(bytes, { isHeader: (cells) => looksLikeHeader(cells, kind) }), kind, saved, askForMapping);
}

/** The same, with a spreadsheet opened in a worker thread (read-off-thread.ts): what imports use. */
export async function readAndMapOffThread(
  bytes: ImportBytes,
  kind: ImportKind,
  saved: Record<string, string> | null,
  askForMapping = false,
) {
  const table = await readFileOffThread(bytes, { isHeader: (cells) => looksLikeHeader(cells, kind) });
  return mapTable(table, kind, saved, askForMapping);
}

function mapTable(table: RowTable, kind: ImportKind, saved: Record<string, string> | null, askForMapping: boolean) {
  try {
    const { map, issues } = mapHeaders(table.header, kind, saved, { headerRow: table.headerRow });
    return { table, map, mapIssues: issues };
  } catch (error) {
    if (error instanceof ImportFileError && error.code === "missing_column") {
      const wrongKind = wrongKindForMissingColumn(table.header, kind, where(table));
      if (wrongKind) throw wrongKind;
    }
    if (
      askForMapping &&
      error instanceof ImportFileError &&
      (error.code === "missing_column" || error.code === "duplicate_column")
    ) {
      throw new ColumnMappingNeeded(
        error.code,
        `${where(table)}${error.message}`,
        table.header,
        firstRows(table, 3),
        guessMapping(table.header, kind, saved),
        table.sheetName ?? null,
      );
    }
    if (error instanceof ImportFileError && table.sheetName) {
      throw new ImportFileError(error.code, `${where(table)}${error.message}`, {
        ...error.details,
        sheet: table.sheetName,
      });
    }
    throw error;
  }
}

/** The first `count` data rows (for the column mapping step), without reading the rest. */
function firstRows(table: RowTable, count: number): string[][] {
  const rows: string[][] = [];
  const enough = new Error("enough rows");
  try {
    table.eachRow((cells) => {
      rows.push(cells);
      if (rows.length >= count) throw enough;
    });
  } catch (error) {
    if (error !== enough) return rows; // a problem further down is the import's to report
  }
  return rows;
}
