import { StagedRowBuffer, type StagedRow } from "@/db/queries/import-records";
import type { StagedMapping } from "./import-result";
import type { ColumnMap } from "./map-headers";
import { fieldsOf, type AnyField, type ImportKind, type RowTable } from "./types";
import type { RowSource } from "./validate-rows";

// Staged rows: the mapped cells of a preview's or a held import's rows, kept in the database
// until an admin applies or discards it (cell i is field i of the kind, in FIELDS order), and
// how they map back to the file's headers, so the decision re-validates exactly what was shown.

/** A staged row: the row number, the row's cell count as read, then one cell per field. */
function stagedRow(
  fields: readonly AnyField[],
  columns: Partial<Record<AnyField, number>>,
  cells: string[],
  row: number,
) {
  return [
    row,
    cells.length,
    ...fields.map((field) => (columns[field] === undefined ? "" : (cells[columns[field]] ?? ""))),
  ] as StagedRow;
}

/** The rows of a read file for validation; when `stage` is given, each row's mapped cells are kept. */
export function tableRowSource(table: RowTable, map: ColumnMap, stage: StagedRowBuffer | null) {
  const headerWidth = table.format === "csv" ? table.header.length : null;
  const columns = map.columns as Partial<Record<AnyField, number>>;
  const fields = fieldsOf(map.kind as ImportKind);
  const keep = (onRow: (cells: string[], row: number) => void) =>
    stage
      ? (cells: string[], row: number) => {
          stage.push(stagedRow(fields, columns, cells, row));
          onRow(cells, row);
        }
      : onRow;
  return {
    map,
    headerWidth,
    eachRow: (onRow: (cells: string[], row: number) => void) => table.eachRow(keep(onRow)),
    eachRowAsync: (onRow: (cells: string[], row: number) => void, onProgress?: (fraction: number) => void) =>
      table.eachRowAsync(keep(onRow), onProgress),
  } satisfies RowSource;
}

/**
 * Every row of a read file as staged rows, without validating them again (they were validated
 * when the file was first read; a held import keeps them for the admin's decision).
 */
export function stagedRowsOf(table: RowTable, map: ColumnMap): StagedRowBuffer {
  const columns = map.columns as Partial<Record<AnyField, number>>;
  const fields = fieldsOf(map.kind as ImportKind);
  const stage = new StagedRowBuffer();
  table.eachRow((cells, row) => stage.push(stagedRow(fields, columns, cells, row)));
  return stage;
}

/** How staged rows map back to fields and headers, so a decision can re-validate them. */
export function stagedMapping(table: RowTable, map: ColumnMap): StagedMapping {
  const columns = map.columns as Partial<Record<AnyField, number>>;
  return {
    headers: fieldsOf(map.kind as ImportKind).map((field) =>
      columns[field] === undefined ? null : (map.headers[columns[field]] ?? null),
    ),
    headerWidth: table.format === "csv" ? table.header.length : null,
  };
}

/** Staged rows as a row source: cell i is field i of the kind. */
export function stagedRowSource(kind: ImportKind, mapping: StagedMapping, rows: StagedRow[]): RowSource {
  const fields = fieldsOf(kind);
  const columns: Partial<Record<AnyField, number>> = {};
  const headers: string[] = [];
  fields.forEach((field, index) => {
    if (mapping.headers[index] !== null && mapping.headers[index] !== undefined) columns[field] = index;
    headers.push(mapping.headers[index] ?? "");
  });
  return {
    map: { kind, columns, headers } as ColumnMap,
    headerWidth: mapping.headerWidth,
    eachRow: (onRow) => {
      for (const [row, width, ...cells] of rows) onRow(cells, row, width);
    },
  };
}
