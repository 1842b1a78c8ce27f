import { rm, stat, unlink } from "node:fs/promises";
import { folderContents, type DropFile } from "./list-drop-files";

/**
 * Removes the files a pull took (already gone is fine). A file that changed since it was listed
 * (the SIS wrote a new one under the same name meanwhile) is left for the next pass; so is a set's
 * folder whose files changed. A folder is removed with what is in it (links are removed, not followed).
 */
export async function removeDropFiles(files: DropFile[]): Promise<void> {
  for (const file of files) {
    if (file.folder) {
      await removeSetFolder(file);
      continue;
    }
    const now = await stat(file.path).catch(() => null);
    if (!now || now.mtime.getTime() !== file.modifiedAt.getTime() || now.size !== file.size) continue;
    await unlink(file.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
}

async function removeSetFolder(folder: DropFile): Promise<void> {
  const contents = await folderContents(folder.path);
  const now = contents?.inProgress ? null : contents?.set; // a new upload into it: left for the next pass
  if (!now || now.modifiedAt.getTime() !== folder.modifiedAt.getTime() || now.size !== folder.size) return;
  await rm(folder.path, { recursive: true, force: true });
}
