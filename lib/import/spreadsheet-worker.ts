// The worker thread that opens spreadsheets (read-off-thread.ts starts it): the XLSX zip guard,
// SheetJS and the walk over the chosen sheet's cells run here, so a large workbook never holds
// up the server's other requests. Talks to its parent only through messages.

import { parentPort, workerData } from "node:worker_threads";
import { checkXlsxArchive } from "./archive-guard";
import { workbookSheets } from "./read-spreadsheet";
import { ImportFileError, type ReadLimits } from "./types";

export type WorkerInput = { bytes: Uint8Array; format: "xlsx" | "xls"; limits: ReadLimits };
export type ParentMessage = { type: "choose"; index: number } | { type: "stop" };
export type WorkerMessage =
  | { type: "sheets"; sheets: Array<{ name: string; first: { row: number; cells: string[] } | null }> }
  | { type: "rows"; rows: Array<[number, string[]]> }
  | { type: "done"; firstColumn: number; span: number }
  | { type: "failed"; error: { code: string; message: string; details: ImportFileError["details"] } | string };

/** Rows per message: small enough that receiving one never holds the parent up. */
const ROWS_PER_MESSAGE = 2_000;

const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

function fail(error: unknown): void {
  post({
    type: "failed",
    error:
      error instanceof ImportFileError
        ? { code: error.code, message: error.message, details: error.details }
        : error instanceof Error
          ? error.message
          : String(error),
  });
}

try {
  const { bytes, format, limits } = workerData as WorkerInput;
  if (format === "xlsx") checkXlsxArchive(bytes, limits);
  const sheets = workbookSheets(bytes, format);
  post({ type: "sheets", sheets: sheets.map(({ name, first }) => ({ name, first })) });
  port.once("message", (message: ParentMessage) => {
    try {
      if (message.type !== "choose") return;
      const { grid, first } = sheets[message.index]!;
      let batch: Array<[number, string[]]> = [];
      let count = 0;
      // One row past the limit is enough for the row counter to name it in its error.
      for (const { row, cells } of grid!.rowsAfter(first!.row)) {
        batch.push([row, cells]);
        count += 1;
        if (batch.length === ROWS_PER_MESSAGE) {
          post({ type: "rows", rows: batch });
          batch = [];
        }
        if (count > limits.maxRows) break;
      }
      if (batch.length > 0) post({ type: "rows", rows: batch });
      post({ type: "done", firstColumn: grid!.firstColumn, span: grid!.lastRow - first!.row });
    } catch (error) {
      fail(error);
    }
  });
} catch (error) {
  fail(error);
}
