import { unlink } from "node:fs/promises";

/** Removes files (already gone is fine). */
export async function removeDropFiles(paths: string[]): Promise<void> {
  for (const file of paths) {
    await unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
}
