import { describe, expect, it } from "vitest";
import { readText } from "./read-text";
import { pieceRanges } from "./text-pieces";
import { DEFAULT_READ_LIMITS, ImportFileError, type RowTable } from "./types";

// A large text file is parsed a piece at a time (text-pieces.ts): every piece must end where a
// record ends, so the rows, row numbers and errors are exactly those of the whole text.

const WHOLE = 1e9;
const SMALL_PIECES = 40;

function rowsOf(table: RowTable): [number, string[]][] {
  const rows: [number, string[]][] = [];
  table.eachRow((cells, row) => rows.push([row, cells]));
  return rows;
}

async function rowsOfAsync(table: RowTable): Promise<[number, string[]][]> {
  const rows: [number, string[]][] = [];
  await table.eachRowAsync((cells, row) => rows.push([row, cells]));
  return rows;
}

const TRICKY = [
  "Student ID,Name,Note",
  '1,"Smith, Jr.",plain',
  '2,"Says ""hi"" twice","a ""quoted"" note"',
  '3,"Two\nlines, with a comma\nand three",after',
  "",
  '4,Size 12",stray quote in an unquoted field',
  '5,"closed then spaces"  ,x',
  "6,Zoë Ängström,ümlauts and a long name that is over thirteen characters",
  '7,"\n\n",only line breaks',
  "8,last,row",
];

describe("reading a text file in pieces", () => {
  for (const newline of ["\n", "\r\n"]) {
    const csv = `\ufeff${TRICKY.join(newline)}${newline}`;
    const bytes = new TextEncoder().encode(csv);

    it(`gives the rows and row numbers of the whole text (${JSON.stringify(newline)})`, async () => {
      expect([...pieceRanges(bytes, 0, ",", newline as "\n", SMALL_PIECES)].length).toBeGreaterThan(3);
      const whole = rowsOf(readText(bytes, DEFAULT_READ_LIMITS, WHOLE));
      expect(whole.map(([row]) => row)).toEqual([2, 3, 4, 6, 7, 8, 9, 10]);
      expect(rowsOf(readText(bytes, DEFAULT_READ_LIMITS, SMALL_PIECES))).toEqual(whole);
      expect(await rowsOfAsync(readText(bytes, DEFAULT_READ_LIMITS, SMALL_PIECES))).toEqual(whole);
      expect(readText(bytes, DEFAULT_READ_LIMITS, SMALL_PIECES).header).toEqual(["Student ID", "Name", "Note"]);
    });
  }

  it("reads a Windows-1252 file in pieces like the whole text", () => {
    const lines = ["Student ID,Name", ...Array.from({ length: 30 }, (_, i) => `${i},Ren\xe9e M\xfcller-${i}`)];
    const bytes = Uint8Array.from(`${lines.join("\n")}\n`, (c) => c.charCodeAt(0));
    const table = readText(bytes, DEFAULT_READ_LIMITS, SMALL_PIECES);
    expect(table.encoding).toBe("windows-1252");
    expect(rowsOf(table)).toEqual(rowsOf(readText(bytes, DEFAULT_READ_LIMITS, WHOLE)));
    expect(rowsOf(table)[3]).toEqual([5, ["3", "Renée Müller-3"]]);
  });

  it("names the same row and column for an unclosed quote in a later piece", () => {
    const lines = ["Student ID,Name,Grade", ...Array.from({ length: 20 }, (_, i) => `${i},Name ${i},5`)];
    lines.push('99,Broken,"5', "100,After,6");
    const bytes = new TextEncoder().encode(lines.join("\n"));
    const whole = () => rowsOf(readText(bytes, DEFAULT_READ_LIMITS, WHOLE));
    const message = 'Row 22: a quoted value starting in column "Grade" is never closed';
    expect(whole).toThrowError(ImportFileError);
    expect(whole).toThrowError(message);
    expect(() => rowsOf(readText(bytes, DEFAULT_READ_LIMITS, SMALL_PIECES))).toThrowError(message);
  });

  it("ends no piece inside a quoted field, whatever the piece size", () => {
    const csv = `a,b\n${'1,"x\ny\nz"\n'.repeat(20)}`;
    const bytes = new TextEncoder().encode(csv);
    for (let size = 1; size < 30; size++) {
      expect(rowsOf(readText(bytes, DEFAULT_READ_LIMITS, size))).toEqual(
        rowsOf(readText(bytes, DEFAULT_READ_LIMITS, WHOLE)),
      );
    }
  });
});
