// Generates large XLSX workbooks by code, fast: the sheet XML is made and deflated in 1 MB chunks
// with node:zlib (each chunk ends with a full flush, so the chunks' deflate streams join into one)
// and never held whole. `repeat` reuses one chunk's compressed bytes, for files of hundreds of MB
// of XML in seconds (their row numbers repeat: only for files refused before SheetJS reads them).

import { constants, crc32, deflateRawSync } from "node:zlib";

const HEADER = [
  "Term",
  "School ID",
  "Class Name",
  "Class ID",
  "Period",
  "Student First",
  "Student Last",
  "Student ID",
  "Teacher First",
  "Teacher Last",
  "Teacher Email",
  "Staff ID",
];
const COLUMNS = "ABCDEFGHIJKL";

function rowXml(row: number, cells: string[]): string {
  let xml = `<row r="${row}">`;
  cells.forEach((cell, i) => {
    xml += `<c r="${COLUMNS[i]}${row}" t="inlineStr"><is><t>${cell}</t></is></c>`;
  });
  return `${xml}</row>`;
}

function rosterRow(i: number): string[] {
  const classId = `C${(i % 5000) + 1}`;
  const teacher = `t${(i % 900) + 1}`;
  return [
    "2026-27",
    `${100 + (i % 40)}`,
    `Class ${classId}`,
    classId,
    `${(i % 7) + 1}`,
    `First${i}`,
    `Last${i}`,
    `${100000 + i}`,
    `T${teacher}`,
    "Teacher",
    `${teacher}@district.test`,
    "",
  ];
}

type Entry = { name: string; compressed: Buffer[]; size: number; crc: number; method: 0 | 8 };

function stored(name: string, text: string): Entry {
  const data = Buffer.from(text);
  return { name, compressed: [data], size: data.length, crc: crc32(data), method: 0 };
}

/** A deflated entry from text chunks; each chunk is compressed on its own (full flush). */
class DeflatedEntry {
  readonly entry: Entry;
  constructor(name: string) {
    this.entry = { name, compressed: [], size: 0, crc: 0, method: 8 };
  }
  push(text: string, times = 1): void {
    const data = Buffer.from(text);
    // A chunk compressed once and repeated can afford the best level (about 14 times smaller).
    const level = times > 1 ? 9 : 1;
    const compressed = deflateRawSync(data, { level, finishFlush: constants.Z_FULL_FLUSH });
    for (let i = 0; i < times; i += 1) {
      this.entry.compressed.push(compressed);
      this.entry.size += data.length;
      this.entry.crc = crc32(data, this.entry.crc);
    }
  }
  end(): Entry {
    this.entry.compressed.push(deflateRawSync(Buffer.alloc(0))); // the final (empty) block
    return this.entry;
  }
}

function zip(entries: Entry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const compressedSize = entry.compressed.reduce((sum, part) => sum + part.length, 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, ...entry.compressed);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(compressedSize, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + compressedSize;
  }
  const directorySize = central.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

/**
 * An XLSX whose one sheet holds a header and `rows` roster rows. With `repeat` > 1 each 1 MB
 * chunk of rows is repeated that many times (same row numbers), to reach a size quickly.
 */
export function bigRosterXlsx(rows: number, repeat = 1): { bytes: Uint8Array; sheetXmlBytes: number } {
  const sheet = new DeflatedEntry("xl/worksheets/sheet1.xml");
  sheet.push(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:L${rows + 1}"/><sheetData>${rowXml(1, HEADER)}`,
  );
  let chunk = "";
  for (let i = 1; i <= rows; i += 1) {
    chunk += rowXml(i + 1, rosterRow(i));
    if (chunk.length > 1 << 20) {
      sheet.push(chunk, repeat);
      chunk = "";
    }
  }
  sheet.push(`${chunk}</sheetData></worksheet>`);
  const sheetEntry = sheet.end();
  const bytes = zip([
    stored(
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    stored(
      "_rels/.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    stored(
      "xl/workbook.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    stored(
      "xl/_rels/workbook.xml.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    sheetEntry,
  ]);
  return { bytes, sheetXmlBytes: sheetEntry.size };
}
