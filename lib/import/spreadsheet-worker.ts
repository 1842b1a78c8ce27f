// The worker thread that opens spreadsheets (read-off-thread.ts starts it): the XLSX zip guard,
// the XLSX reader (or SheetJS for XLS) and the walk over the chosen sheet's cells run here, so a
// large workbook never holds up the server's other requests. Talks to its parent only through
// messages; while the parent takes one batch of rows, the worker reads the next.

import { constants, setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { checkXlsxArchive } from "./archive-guard";
import { workbookSheets } from "./read-spreadsheet";
import { ImportFileError, type ReadLimits } from "./types";

export type WorkerInput = { bytes: Uint8Array; format: "xlsx" | "xls"; limits: ReadLimits };
/** The parent chooses a sheet, then asks for each next batch of rows once it took the last. */
export type ParentMessage = { type: "choose"; index: number } | { type: "more" };
export type WorkerMessage =
  | { type: "sheets"; sheets: Array<{ name: string; first: { row: number; cells: string[] } | null }> }
  | { type: "rows"; rows: Array<[number, string[]]> }
  | { type: "done"; firstColumn: number; span: number }
  | { type: "failed"; error: { code: string; message: string; details: ImportFileError["details"] } | string };

/**
 * Rows per message: receiving one (the structured clone's copy of its strings, on the parent's
 * thread) takes a few milliseconds. The worker sends the next batch only when the parent asks for
 * it: a parent takes every message already waiting on its port in one turn of its event loop, so
 * batches sent ahead would pile up and be taken all at once (~0.3 s for 60,000 rows, measured).
 */
const ROWS_PER_MESSAGE = 1_000;

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

/**
 * On Linux a thread's nice value is its own, and `setPriority()` sets the calling thread's: this
 * one yields the CPU to the server's thread whenever both want it. On a busy machine they share
 * one process's slice of it, and the server's thread, waiting behind SheetJS for a core, left
 * requests unanswered for up to 0.5 s (measured: its run-queue wait, not its own work).
 * Elsewhere (macOS) it would lower the whole server's priority, so it is left alone.
 */
const WORKER_NICE = constants.priority.PRIORITY_BELOW_NORMAL;
if (process.platform === "linux") {
  try {
    setPriority(WORKER_NICE);
  } catch {
    // Not allowed here: the worker reads at the server's priority.
  }
}

try {
  const { bytes, format, limits } = workerData as WorkerInput;
  if (format === "xlsx") checkXlsxArchive(bytes, limits);
  const sheets = workbookSheets(bytes, format);
  post({ type: "sheets", sheets: sheets.map(({ name, first }) => ({ name, first })) });
  let rows: Generator<{ row: number; cells: string[] }> | null = null;
  let count = 0;
  let span = 0;
  let firstColumn = 0;
  /** The next batch, read while the parent takes the last one (the parse of an XLSX streams). */
  let ready: { batch: Array<[number, string[]]>; finished: boolean } | null = null;
  const readBatch = (walk: Generator<{ row: number; cells: string[] }>) => {
    const batch: Array<[number, string[]]> = [];
    let finished = false;
    while (batch.length < ROWS_PER_MESSAGE) {
      const next = walk.next();
      // One row past the limit is enough for the row counter to name it in its error.
      if (next.done || count > limits.maxRows) {
        finished = true;
        break;
      }
      batch.push([next.value.row, next.value.cells]);
      count += 1;
    }
    return { batch, finished };
  };
  port.on("message", (message: ParentMessage) => {
    try {
      if (message.type === "choose" && !rows) {
        const { grid, first } = sheets[message.index]!;
        rows = grid!.rowsAfter(first!.row);
        firstColumn = grid!.firstColumn;
        span = grid!.lastRow - first!.row;
      } else if (message.type !== "more" || !rows) {
        return;
      }
      const { batch, finished } = ready ?? readBatch(rows);
      ready = null;
      if (batch.length > 0) post({ type: "rows", rows: batch });
      if (finished) post({ type: "done", firstColumn, span });
      else ready = readBatch(rows);
    } catch (error) {
      fail(error);
    }
  });
} catch (error) {
  fail(error);
}
