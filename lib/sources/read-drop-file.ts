import { open } from "node:fs/promises";
import type { DropFile } from "./list-drop-files";

/** At most `limit + 1` bytes of the file: enough for the import to say it is too large. */
export async function readDropFile(file: DropFile, limit: number): Promise<Uint8Array> {
  const handle = await open(file.path, "r");
  try {
    const buffer = Buffer.alloc(Math.min(file.size, limit + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
