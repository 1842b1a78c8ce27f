import { safeCsvLines, type CsvValue } from "./safe-csv";
import { log } from "@/lib/log";

// A CSV download streamed as the rows come from the database (a list's CSV may hold every
// student of the district), each cell neutralised by safe-csv.

export type CsvColumn<T> = { label: string; value: (row: T) => CsvValue };

/** Byte-order mark: Excel reads the file as UTF-8 only with it (accented names). */
const BOM = "\uFEFF";

/**
 * The response of a CSV download: a header row of the labels, then the rows `produce` hands
 * over in batches. `fileName` is the name the browser saves it under.
 */
export function csvResponse<T>(
  fileName: string,
  columns: readonly CsvColumn<T>[],
  produce: (onBatch: (rows: T[]) => void) => Promise<unknown>,
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(BOM + safeCsvLines([columns.map((c) => c.label)])));
      try {
        await produce((rows) => {
          controller.enqueue(encoder.encode(safeCsvLines(rows.map((row) => columns.map((c) => c.value(row))))));
        });
        controller.close();
      } catch (error) {
        log.error("a CSV download failed", { fileName, error });
        controller.error(error);
      }
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** `name-YYYY-MM-DD.csv`, dated in the organization's time zone. */
export function csvFileName(name: string, timeZone: string, now = new Date()): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    now,
  );
  return `${name}-${day}.csv`;
}
