import { stat, unlink } from "node:fs/promises";
import type { DropFile } from "./list-drop-files";

/**
 * Removes the files a pull took (already gone is fine). A file that changed since it was listed
 * (the SIS wrote a new one under the same name meanwhile) is left for the next pass.
 */
export async function removeDropFiles(files: DropFile[]): Promise<void> {
  for (const file of files) {
    const now = await stat(file.path).catch(() => null);
    if (!now || now.mtime.getTime() !== file.modifiedAt.getTime() || now.size !== file.size) continue;
    await unlink(file.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
}
