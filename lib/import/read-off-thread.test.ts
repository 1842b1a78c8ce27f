import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bigRosterXlsx } from "@/tests/support/big-xlsx";
import { readFile } from "./read-file";
import { readFileOffThread, startSpreadsheetWorker } from "./read-off-thread";
import type { ParentMessage, WorkerMessage } from "./spreadsheet-worker";
import { DEFAULT_READ_LIMITS, ImportFileError, type RowTable } from "./types";

// Spreadsheets are read in a worker thread (here started from the sources, as under the CLI);
// the rows and every error must be exactly those of readFile in this thread.

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "fixtures", name)));

function rowsOf(table: RowTable) {
  const rows: Array<[number, string[]]> = [];
  table.eachRow((cells, row) => rows.push([row, cells]));
  return rows;
}

async function fileError(run: () => Promise<unknown>): Promise<ImportFileError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error("expected an ImportFileError");
}

// Each worker compiles the sources with tsx as it starts: seconds on a busy machine.
describe("readFileOffThread", { timeout: 60_000 }, () => {
  it("gives what readFile gives, for XLSX, XLS and CSV", async () => {
    for (const name of ["roster.xlsx", "roster.xls", "notes-first.xlsx", "utf8.csv"]) {
      const here = readFile(fixture(name));
      const there = await readFileOffThread(fixture(name));
      expect({ ...there, eachRow: null, eachRowAsync: null }, name).toEqual({
        ...here,
        eachRow: null,
        eachRowAsync: null,
      });
      expect(rowsOf(there), name).toEqual(rowsOf(here));
    }
  });

  it("chooses the sheet with isHeader, in this thread", async () => {
    const isHeader = (cells: string[]) => cells.some((cell) => /student id/i.test(cell));
    const table = await readFileOffThread(fixture("notes-first.xlsx"), { isHeader });
    expect(table.sheetName).toBe(readFile(fixture("notes-first.xlsx"), { isHeader }).sheetName);
    const none = await fileError(() => readFileOffThread(fixture("notes-first.xlsx"), { isHeader: () => false }));
    expect(none.code).toBe("no_header_row");
  });

  it("row limits and cell limits fail on the row, with readFile's message", async () => {
    for (const limits of [{ maxRows: 1 }, { maxCellChars: 3 }]) {
      const here = await fileError(async () => rowsOf(readFile(fixture("roster.xlsx"), { limits })));
      const there = await fileError(async () => rowsOf(await readFileOffThread(fixture("roster.xlsx"), { limits })));
      expect(there.message).toBe(here.message);
      expect(there.code).toBe(here.code);
      expect(there.details).toEqual(here.details);
    }
  });

  it("a zip bomb, a damaged file and a file that is too large fail with their errors", async () => {
    const whole = fixture("roster.xlsx");
    const damaged = await fileError(() => readFileOffThread(whole.subarray(0, whole.length / 2)));
    expect(damaged.code).toBe("unreadable_spreadsheet");
    const large = await fileError(() => readFileOffThread(whole, { limits: { maxBytes: 100 } }));
    expect(large.code).toBe("file_too_large");
  });

  it("refuses a workbook whose sheet XML is more than a spreadsheet roster needs, before SheetJS opens it", async () => {
    const { bytes, sheetXmlBytes } = bigRosterXlsx(2_000, 220);
    expect(sheetXmlBytes).toBeGreaterThan(200 * 1024 * 1024);
    const started = performance.now();
    const error = await fileError(() => readFileOffThread(bytes));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(error.code).toBe("spreadsheet_too_large");
    expect(error.message).toMatch(
      /^This XLSX file's sheets hold 2\d\d(\.\d)? MB of data once opened; a spreadsheet can hold at most 200 MB \(about 300,000 roster rows\)\. Export the roster as CSV instead: a CSV file can hold up to 2,000,000 rows\.$/,
    );
  });

  it("keeps the event loop turning while SheetJS reads a large workbook", { timeout: 180_000 }, async () => {
    const { bytes } = bigRosterXlsx(40_000);
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    let table: RowTable;
    const started = performance.now();
    try {
      table = await readFileOffThread(bytes); // SheetJS took seconds here, in the worker
    } finally {
      clearInterval(ticker);
    }
    const took = performance.now() - started;
    // Read on this thread, the longest gap would be the whole read (seconds). Off it, the gaps
    // are the timer's own: under 200 ms on a quiet machine. A machine shared by other test runs
    // stretches timers now and then, so the bar is also a fifth of the read, never the read itself.
    expect(longest).toBeLessThan(Math.max(200, took / 5));
    let rows = 0;
    await table.eachRowAsync(() => (rows += 1)); // then the rows come in turns, like a CSV's
    expect(rows).toBe(40_000);
  });

  it("sends a batch of rows only when asked for the next one", { timeout: 120_000 }, async () => {
    // Batches sent ahead pile up on the parent's port, and the parent takes every waiting message
    // in one turn of its event loop: 60,000 rows held the server ~0.3 s at once.
    const { bytes } = bigRosterXlsx(5_000);
    const worker = startSpreadsheetWorker({ bytes, format: "xlsx", limits: DEFAULT_READ_LIMITS });
    const received: WorkerMessage[] = [];
    let arrived: () => void = () => {};
    worker.on("message", (message: WorkerMessage) => {
      received.push(message);
      if (message.type === "sheets") worker.postMessage({ type: "choose", index: 0 } satisfies ParentMessage);
      arrived();
    });
    /** The next message after the sheets (the sheet is chosen as soon as they come). */
    const next = () =>
      new Promise<void>((resolve) => {
        arrived = () => {
          if (received.at(-1)?.type !== "sheets") resolve();
        };
      });
    const ask = () => worker.postMessage({ type: "more" } satisfies ParentMessage);
    try {
      await next();
      await new Promise((resolve) => setTimeout(resolve, 500)); // nothing more unless asked
      expect(received.map(({ type }) => type)).toEqual(["sheets", "rows"]);
      const batches: number[] = [];
      for (;;) {
        const last = received.at(-1)!;
        if (last.type === "done") break;
        if (last.type !== "rows") throw new Error(`unexpected message ${JSON.stringify(last)}`);
        batches.push(last.rows.length);
        const coming = next();
        ask();
        await coming;
      }
      expect(batches.reduce((sum, size) => sum + size, 0)).toBe(5_000); // the header row excluded
      expect(Math.max(...batches)).toBeLessThanOrEqual(1_000);
    } finally {
      await worker.terminate();
    }
  });

  it.runIf(process.platform === "linux")(
    "reads at a lower priority than the server's thread, which keeps its own",
    { timeout: 60_000 },
    async () => {
      // A thread's nice value, from /proc (Linux keeps one per thread).
      const niceOf = (thread: string) =>
        Number(readFileSync(`/proc/self/task/${thread}/stat`, "latin1").split(") ")[1]!.split(" ")[16]);
      const before = new Set(readdirSync("/proc/self/task"));
      const mine = niceOf(String(process.pid));
      const { bytes } = bigRosterXlsx(100);
      const worker = startSpreadsheetWorker({ bytes, format: "xlsx", limits: DEFAULT_READ_LIMITS });
      try {
        await new Promise((resolve) => worker.once("message", resolve)); // the worker's code runs
        const started = readdirSync("/proc/self/task").filter((thread) => !before.has(thread));
        expect(started.map(niceOf)).toContain(10);
        expect(niceOf(String(process.pid))).toBe(mine);
      } finally {
        await worker.terminate();
      }
    },
  );
});
