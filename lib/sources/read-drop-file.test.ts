import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listDropFiles } from "./list-drop-files";
import { readDropFile } from "./read-drop-file";

// A drop folder is written by the SIS (or whoever has its SFTP account). Between the listing
// (which skips links) and the read, the file can be swapped for a link to a file of the server,
// or for a pipe that never ends: the read must not follow the one nor wait on the other.

const folderWith = (name: string, content: string) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), "rostersync-drop-read-"));
  const file = path.join(folder, name);
  writeFileSync(file, content);
  const when = new Date(Date.now() - 10 * 60_000);
  utimesSync(file, when, when);
  return { folder, file };
};

describe("readDropFile", () => {
  it("reads the listed file, at most the limit + 1 bytes", async () => {
    const { folder } = folderWith("roster.csv", "a,b\n1,2\n");
    const [listed] = (await listDropFiles(folder, "*.csv", new Date(), 60_000)).ready;
    if (!listed) throw new Error("not listed");
    expect(Buffer.from(await readDropFile(listed, 1024)).toString()).toBe("a,b\n1,2\n");
    expect((await readDropFile(listed, 3)).byteLength).toBe(4);
  });

  it("refuses a file swapped for a link after it was listed, and reads nothing through it", async () => {
    const { folder, file } = folderWith("roster.csv", "a,b\n1,2\n");
    const secret = path.join(mkdtempSync(path.join(os.tmpdir(), "rostersync-secret-")), "secret.txt");
    writeFileSync(secret, "the server's secret");
    const [listed] = (await listDropFiles(folder, "*.csv", new Date(), 60_000)).ready;
    if (!listed) throw new Error("not listed");
    unlinkSync(file);
    symlinkSync(secret, file);
    await expect(readDropFile(listed, 1024)).rejects.toThrow(
      "roster.csv was replaced by a link after it was listed, so it was not read. Put the file itself in the folder.",
    );
  });

  it("refuses a file swapped for a named pipe without waiting on it", async () => {
    const { folder, file } = folderWith("roster.csv", "a,b\n1,2\n");
    const [listed] = (await listDropFiles(folder, "*.csv", new Date(), 60_000)).ready;
    if (!listed) throw new Error("not listed");
    rmSync(file);
    execFileSync("mkfifo", [file]);
    await expect(readDropFile(listed, 1024)).rejects.toThrow(
      "roster.csv is no longer a regular file (it changed after it was listed), so it was not read.",
    );
  }, 5_000);
});
