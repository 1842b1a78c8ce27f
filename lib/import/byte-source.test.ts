import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DiskFile, isUtf8Source, sha256OfSource } from "./byte-source";
import { readFile } from "./read-file";
import { readText } from "./read-text";
import { pieceRanges, sourcePieces } from "./text-pieces";
import { DEFAULT_READ_LIMITS, type RowTable } from "./types";

// A file on disk (the CLI's, the benchmark's) is read a range at a time, never whole: its
// pieces, its hash, its UTF-8 check and its rows must be exactly those of the whole bytes.

const dir = mkdtempSync(path.join(os.tmpdir(), "rostersync-byte-source-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function onDisk(bytes: Uint8Array): DiskFile {
  const file = path.join(dir, `file-${(files += 1)}.csv`);
  writeFileSync(file, bytes);
  return new DiskFile(file);
}

function rowsOf(table: RowTable): [number, string[]][] {
  const rows: [number, string[]][] = [];
  table.eachRow((cells, row) => rows.push([row, cells]));
  return rows;
}

const LINES = [
  "Student ID,Name,Note",
  '1,"Smith, Jr.",plain',
  '2,"Says ""hi"" twice","a ""quoted"" note"',
  '3,"Two\nlines, with a comma\nand three, and a cell longer than any window here",after',
  "4,Zoë Ängström,ümlauts — and “quotes” 日本語 😀",
  '5,"😀\n日本語\nZoë",multi-byte characters inside a quoted cell over lines',
  "6,last,row",
];

describe("a file on disk", () => {
  for (const newline of ["\n", "\r\n"] as const) {
    const bytes = new TextEncoder().encode(`\ufeff${LINES.join(newline)}${newline}`);

    it(`is cut into the same pieces as the whole bytes, whatever the window (${JSON.stringify(newline)})`, () => {
      const file = onDisk(bytes);
      for (const pieceBytes of [0, 1, 7, 40, 1000]) {
        const whole = [...pieceRanges(bytes, 0, ",", newline, pieceBytes)];
        // Windows from 1 byte: a window's end falls inside quoted cells, inside a "" and
        // inside multi-byte characters; it is read again longer until a record ends in it.
        for (const windowBytes of [1, 2, 3, 5, 8, 13, 64, 1 << 16]) {
          const pieces = [...sourcePieces(file, 0, ",", newline, pieceBytes, windowBytes)];
          expect(pieces.map(({ start, end }) => [start, end])).toEqual(whole);
          for (const { start, end, bytes: got } of pieces)
            expect(Buffer.compare(got, bytes.subarray(start, end))).toBe(0);
        }
      }
    });

    it(`gives the rows of the whole bytes, read in pieces (${JSON.stringify(newline)})`, async () => {
      const file = onDisk(bytes);
      const whole = rowsOf(readText(bytes, DEFAULT_READ_LIMITS, 1e9));
      expect(whole.map(([row]) => row)).toEqual([2, 3, 4, 5, 6, 7]);
      for (const pieceBytes of [1, 10, 40, 1e9]) {
        const table = readText(file, DEFAULT_READ_LIMITS, pieceBytes);
        expect(table.header).toEqual(["Student ID", "Name", "Note"]);
        expect(rowsOf(table)).toEqual(whole);
        const rows: [number, string[]][] = [];
        await table.eachRowAsync((cells, row) => rows.push([row, cells]));
        expect(rows).toEqual(whole);
      }
      expect(rowsOf(readFile(file))).toEqual(whole);
    });
  }

  it("is checked as UTF-8 in slices that never split a character", () => {
    const text = "Zoë Ängström 日本語 😀 — “x” ".repeat(20);
    const valid = new TextEncoder().encode(text);
    const file = onDisk(valid);
    // Every slice size from 1 byte puts a slice's end inside a two-, three- and four-byte character.
    for (let slice = 1; slice <= 17; slice++) expect(isUtf8Source(file, slice)).toBe(true);
    for (const cut of [1, 2, 3]) {
      // A character cut short (its lead byte without all its continuation bytes), mid-file.
      const at = valid.indexOf(0xf0); // 😀's lead byte
      const broken = new Uint8Array([...valid.subarray(0, at + cut), ...valid.subarray(at + 4)]);
      expect(isUtf8(broken)).toBe(false);
      const brokenFile = onDisk(broken);
      for (let slice = 1; slice <= 17; slice++) expect(isUtf8Source(brokenFile, slice)).toBe(false);
    }
    const latin1 = onDisk(Uint8Array.from("Ren\xe9e M\xfcller", (c) => c.charCodeAt(0)));
    for (let slice = 1; slice <= 5; slice++) expect(isUtf8Source(latin1, slice)).toBe(false);
  });

  it("is hashed in slices to the whole file's SHA-256", async () => {
    const bytes = new TextEncoder().encode(`${LINES.join("\n")}\n`.repeat(50));
    const expected = createHash("sha256").update(bytes).digest("hex");
    const file = onDisk(bytes);
    for (const slice of [1, 7, 1000, 1 << 22]) expect(await sha256OfSource(file, slice)).toBe(expected);
    expect(await sha256OfSource(bytes)).toBe(expected);
  });

  it("reads a Windows-1252 file in pieces like the whole bytes", () => {
    const lines = ["Student ID,Name", ...Array.from({ length: 30 }, (_, i) => `${i},Ren\xe9e M\xfcller-${i}`)];
    const bytes = Uint8Array.from(`\xef\xbb\xbf${lines.join("\n")}\n`, (c) => c.charCodeAt(0));
    const table = readText(onDisk(bytes), DEFAULT_READ_LIMITS, 40);
    expect(table.encoding).toBe("windows-1252");
    expect(rowsOf(table)).toEqual(rowsOf(readText(bytes, DEFAULT_READ_LIMITS, 1e9)));
  });
});
