import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { UserFacingError } from "@/lib/errors";
import type { DropFile } from "./list-drop-files";

/**
 * At most `limit + 1` bytes of the file: enough for the import to say it is too large. The
 * listing skipped links, but the file can be swapped between the listing and this read: it is
 * opened without following a link (O_NOFOLLOW) and without waiting on a pipe (O_NONBLOCK), and
 * what was opened must be a regular file (checked on the open handle, not the name).
 */
export async function readDropFile(file: DropFile, limit: number): Promise<Uint8Array> {
  const flags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  const handle = await open(file.path, flags).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ELOOP")
      throw new UserFacingError(
        `${file.name} was replaced by a link after it was listed, so it was not read. Put the file itself in the folder.`,
        "drop_file_link",
      );
    throw error;
  });
  try {
    if (!(await handle.stat()).isFile())
      throw new UserFacingError(
        `${file.name} is no longer a regular file (it changed after it was listed), so it was not read.`,
        "drop_file_not_regular",
      );
    const buffer = Buffer.alloc(Math.min(file.size, limit + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
