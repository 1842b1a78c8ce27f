// Reading a roster file without holding up the server: text files are read here (their rows
// are streamed with turns of the event loop), spreadsheets in a worker thread with a memory
// limit (spreadsheet-worker.ts): an XLSX's sheet XML takes seconds of CPU to parse even with our
// streaming reader (xlsx-reader.ts), and SheetJS parses a whole XLS (or an XLSX our reader leaves
// to it) in one go — on this thread either would stop every other request meanwhile.

import { fileURLToPath } from "node:url";
import { Worker, type ResourceLimits, type Transferable } from "node:worker_threads";
import { copyInTurns } from "@/lib/in-turns";
import { readWhole, type ImportBytes } from "./byte-source";
import { checkFile, readFile, type ReadFileOptions } from "./read-file";
import { chooseSheet, sheetTable, type SheetCandidate } from "./read-spreadsheet";
import type { ParentMessage, WorkerInput, WorkerMessage } from "./spreadsheet-worker";
import { ImportFileError, type RowTable } from "./types";

/**
 * The worker's heap: a sheet at the sheet-XML cap (ReadLimits.maxSheetXmlBytes, 200 MB) needs
 * about 1 GB in SheetJS (our XLSX reader holds only the shared strings and a batch of rows);
 * past this the worker stops and the file fails with a clear error.
 */
const RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 64 };
/** A spreadsheet still being read after this long fails (a pathological file). */
const READ_TIMEOUT_MS = 5 * 60_000;

/** Reads a roster file like readFile, with spreadsheets opened in a worker thread. */
export async function readFileOffThread(source: ImportBytes, options: ReadFileOptions = {}): Promise<RowTable> {
  const { format } = checkFile(source, options);
  if (format === "csv") return readFile(source, options);
  return oneAtATime(() => readSpreadsheetInWorker(readWhole(source), format, options));
}

// One spreadsheet worker at a time per process: each may use up to RESOURCE_LIMITS of memory.
let turn: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(run: () => Promise<T>): Promise<T> {
  const next = turn.then(run, run);
  turn = next.catch(() => undefined);
  return next;
}

/** Starts spreadsheet-worker.ts (bundled in the Next server, from the sources elsewhere). */
export function startSpreadsheetWorker(input: WorkerInput, transferList: Transferable[] = []): Worker {
  const options = { workerData: input, transferList, resourceLimits: RESOURCE_LIMITS };
  if (process.env.NEXT_RUNTIME) {
    // In the Next server: `next build` bundles the worker into its own chunk.
    return new Worker(new URL("./spreadsheet-worker.ts", import.meta.url), options);
  }
  // Paths computed at run time: the bundler must not take them for workers to bundle.
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith(".ts")) {
    // The compiled CLI (scripts/build-cli.mjs): the worker is an entry of its own beside this chunk.
    return new Worker(here.replace(/[^/\\]+$/, "spreadsheet-worker.mjs"), options);
  }
  // From the sources (vitest, the CLI through tsx): Node cannot run TypeScript by itself, so a
  // small bootstrap registers tsx in the worker first.
  return new Worker(here.replace(/read-off-thread\.ts$/, "spreadsheet-worker-source.mjs"), options);
}

async function readSpreadsheetInWorker(
  bytes: Uint8Array,
  format: "xlsx" | "xls",
  options: ReadFileOptions,
): Promise<RowTable> {
  const { limits } = checkFile(bytes, options);
  // A copy, since the caller keeps its bytes (they are hashed and may be read again), made a
  // slice per turn and handed over to the worker: passed as workerData, a 36 MB file was cloned in
  // one go, holding the server's thread for over 100 ms on a busy machine.
  const copy = await copyInTurns(bytes);
  return new Promise<RowTable>((resolve, reject) => {
    const worker = startSpreadsheetWorker({ bytes: copy, format, limits }, [copy.buffer as ArrayBuffer]);
    const rows: Array<[number, string[]]> = [];
    let chosen: SheetCandidate | null = null;
    let settled = false;
    const timer = setTimeout(
      () =>
        settle(
          new ImportFileError(
            "spreadsheet_too_slow",
            `This ${format.toUpperCase()} file took more than ${READ_TIMEOUT_MS / 60_000} minutes to open and was given up. Export the roster as CSV instead.`,
          ),
        ),
      READ_TIMEOUT_MS,
    );
    function settle(error: unknown, table?: RowTable) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (table) resolve(table);
      else reject(error);
    }
    worker.on("message", (message: WorkerMessage) => {
      try {
        if (message.type === "sheets") {
          const index = chooseSheet(message.sheets, options.isHeader);
          chosen = message.sheets[index]!;
          worker.postMessage({ type: "choose", index } satisfies ParentMessage);
        } else if (message.type === "rows") {
          for (const row of message.rows) rows.push(row);
          // The next batch only after a turn of the event loop: the requests that came in
          // meanwhile are answered between two batches (spreadsheet-worker.ts).
          setImmediate(() => {
            if (!settled) worker.postMessage({ type: "more" } satisfies ParentMessage);
          });
        } else if (message.type === "done") {
          const { name, first } = chosen!;
          settle(
            null,
            sheetTable(format, name, first!, message.firstColumn, limits, message.span, function* () {
              for (const [row, cells] of rows) yield { row, cells };
            }),
          );
        } else if (typeof message.error === "string") {
          settle(new Error(`The spreadsheet reader failed: ${message.error}`));
        } else {
          settle(new ImportFileError(message.error.code, message.error.message, message.error.details));
        }
      } catch (error) {
        settle(error);
      }
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code !== "ERR_WORKER_OUT_OF_MEMORY") return settle(error);
      settle(
        new ImportFileError(
          "spreadsheet_too_large",
          `This ${format.toUpperCase()} file needs more memory to open than the server allows for one spreadsheet. Export the roster as CSV instead, or only the roster's columns and sheet.`,
        ),
      );
    });
    worker.on("exit", (code) =>
      settle(new Error(`The spreadsheet reader stopped before it finished (exit code ${code}).`)),
    );
  });
}
