// Test helper: a minimal zip writer whose headers can lie (sizes, ZIP64 fields, overlapping
// entries), for crafting zip bombs in read-file and archive-guard tests.

import { deflateSync, strToU8 } from "fflate";

export type RawEntry = {
  name: string;
  /** Uncompressed content; stored deflated. */
  data: Uint8Array;
  /** Uncompressed size written in the headers (default: the real one). */
  declaredSize?: number;
  /** Write the sizes as 0xFFFFFFFF plus a ZIP64 extra field. */
  zip64?: boolean;
  /** Point this central directory entry at an earlier entry's local header. */
  aliasOf?: number;
};

/** A minimal zip writer whose headers can lie, for crafting bombs. CRCs are left 0 (unchecked). */
export function buildZip(entries: RawEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = strToU8(entry.name);
    const compressed = deflateSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const extra = entry.zip64
      ? le([
          [1, 2],
          [16, 2],
          [size, 8],
          [compressed.length, 8],
        ])
      : new Uint8Array(0);
    const size32 = entry.zip64 ? 0xffffffff : size;
    const csize32 = entry.zip64 ? 0xffffffff : compressed.length;
    const at = entry.aliasOf === undefined ? offset : offsets[entry.aliasOf]!;
    offsets.push(at);
    if (entry.aliasOf === undefined) {
      const local = le([
        [0x04034b50, 4],
        [45, 2],
        [0, 2],
        [8, 2],
        [0, 4],
        [0, 4],
        [csize32, 4],
        [size32, 4],
        [name.length, 2],
        [extra.length, 2],
      ]);
      parts.push(local, name, extra, compressed);
      offset += local.length + name.length + extra.length + compressed.length;
    }
    const aliased = entry.aliasOf === undefined ? null : entries[entry.aliasOf]!;
    const csize = aliased ? deflateSync(aliased.data).length : compressed.length;
    central.push(
      le([
        [0x02014b50, 4],
        [45, 2],
        [45, 2],
        [0, 2],
        [8, 2],
        [0, 4],
        [0, 4],
        [entry.zip64 ? 0xffffffff : csize, 4],
        [size32, 4],
        [name.length, 2],
        [extra.length, 2],
        [0, 2],
        [0, 2],
        [0, 2],
        [0, 4],
        [at, 4],
      ]),
      name,
      extra,
    );
  }
  const directorySize = central.reduce((sum, part) => sum + part.length, 0);
  const eocd = le([
    [0x06054b50, 4],
    [0, 2],
    [0, 2],
    [entries.length, 2],
    [entries.length, 2],
    [directorySize, 4],
    [offset, 4],
    [0, 2],
  ]);
  const all = [...parts, ...central, eocd];
  const out = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Little-endian fields [value, byteCount]. */
function le(fields: [number, 2 | 4 | 8][]): Uint8Array {
  const out = new Uint8Array(fields.reduce((sum, [, n]) => sum + n, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [value, n] of fields) {
    if (n === 2) view.setUint16(at, value, true);
    else if (n === 4) view.setUint32(at, value, true);
    else {
      view.setUint32(at, value % 2 ** 32, true);
      view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
    }
    at += n;
  }
  return out;
}
