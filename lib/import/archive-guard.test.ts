import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { unzipArchive } from "./archive-guard";
import { buildZip } from "./test-zip";
import { ImportFileError } from "./types";

function expectRefused(run: () => unknown, code: string, message: string) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).code).toBe(code);
    expect((error as ImportFileError).message).toContain(message);
    return;
  }
  throw new Error(`expected ImportFileError ${code}`);
}

const csv = (text: string) => strToU8(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("unzipArchive: a .zip set of CSV files", () => {
  it("lists and inflates every file, in order, with its path; folders are skipped", () => {
    const zip = zipSync({
      "users.csv": csv("sourcedId,givenName\nu1,Ann\n"),
      "oneroster/": new Uint8Array(0),
      "oneroster/classes.csv": csv("sourcedId,title\nc1,Math\n"),
      "stored.csv": [csv("a,b\n1,2\n"), { level: 0 }],
    });
    const { entries, ignored } = unzipArchive(zip);
    expect(entries.map((entry) => entry.name)).toEqual(["users.csv", "oneroster/classes.csv", "stored.csv"]);
    expect(decode(entries[0]!.bytes)).toBe("sourcedId,givenName\nu1,Ann\n");
    expect(decode(entries[1]!.bytes)).toBe("sourcedId,title\nc1,Math\n");
    expect(decode(entries[2]!.bytes)).toBe("a,b\n1,2\n");
    expect(ignored).toEqual([]);
  });

  it("ignores names with .. or an absolute path, and macOS metadata, and says why", () => {
    const zip = buildZip([
      { name: "users.csv", data: csv("a\n1\n") },
      { name: "../evil.csv", data: csv("a\n1\n") },
      { name: "sub/../../evil.csv", data: csv("a\n1\n") },
      { name: "/etc/passwd", data: csv("root\n") },
      { name: "C:\\evil.csv", data: csv("a\n1\n") },
      { name: "__MACOSX/._users.csv", data: csv("junk") },
    ]);
    const { entries, ignored } = unzipArchive(zip);
    expect(entries.map((entry) => entry.name)).toEqual(["users.csv"]);
    expect(ignored).toEqual([
      { name: "../evil.csv", reason: 'its path leaves the archive ("..")' },
      { name: "sub/../../evil.csv", reason: 'its path leaves the archive ("..")' },
      { name: "/etc/passwd", reason: "it has an absolute path" },
      { name: "C:\\evil.csv", reason: "it has an absolute path" },
      { name: "__MACOSX/._users.csv", reason: "it is macOS metadata" },
    ]);
  });

  it("refuses an archive inside the archive, by name and by content", () => {
    const inner = zipSync({ "users.csv": csv("a\n1\n") });
    expectRefused(
      () => unzipArchive(zipSync({ "users.csv": csv("a\n1\n"), "more.zip": inner })),
      "nested_archive",
      'The file "more.zip" in this ZIP file is itself an archive.',
    );
    expectRefused(
      () => unzipArchive(zipSync({ "users.csv": inner })),
      "nested_archive",
      'The file "users.csv" in this ZIP file is itself a ZIP archive.',
    );
  });

  it("refuses more files than the limit", () => {
    const files = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`f${i}.csv`, csv("a\n1\n")]));
    expectRefused(
      () => unzipArchive(zipSync(files), { maxEntries: 3 }),
      "too_many_entries",
      "This ZIP file holds 4 files; the limit is 3.",
    );
    expect(unzipArchive(zipSync(files), { maxEntries: 4 }).entries).toHaveLength(4);
  });

  it("refuses one file over the per-file limit, and all files over the total", () => {
    const zip = zipSync({ "a.csv": new Uint8Array(2 * 1024 * 1024), "b.csv": new Uint8Array(2 * 1024 * 1024) });
    expectRefused(
      () => unzipArchive(zip, { maxEntryBytes: 1024 * 1024 }),
      "archive_too_large",
      'The file "a.csv" in this ZIP file would expand to 2 MB; the limit for one file is 1 MB.',
    );
    expectRefused(
      () => unzipArchive(zip, { maxUncompressedBytes: 3 * 1024 * 1024 }),
      "archive_too_large",
      "This ZIP file would expand to 4 MB when opened; the limit is 3 MB.",
    );
  });

  it("refuses a zip bomb by its compression ratio", () => {
    const bomb = zipSync({ "users.csv": new Uint8Array(16 * 1024 * 1024) }, { level: 9 });
    expectRefused(
      () => unzipArchive(bomb),
      "zip_bomb",
      'This ZIP file was not opened because it looks like a "zip bomb"',
    );
  });

  it("refuses a file that inflates to more than it declares, and overlapping entries", () => {
    expectRefused(
      () => unzipArchive(buildZip([{ name: "users.csv", data: new Uint8Array(4 * 1024 * 1024), declaredSize: 1000 }])),
      "zip_bomb",
      'the entry "users.csv" expands to more than the 1000 bytes it declares',
    );
    const overlapping = buildZip([
      { name: "a.csv", data: csv("x,y\n".repeat(1000)) },
      { name: "b.csv", data: csv("x,y\n".repeat(1000)), aliasOf: 0 },
    ]);
    expectRefused(() => unzipArchive(overlapping), "zip_bomb", 'its entries "a.csv" and "b.csv" overlap');
  });

  it("refuses a damaged or cut-short archive with a clear error", () => {
    const zip = zipSync({ "users.csv": csv("a\n1\n".repeat(100)) });
    expectRefused(
      () => unzipArchive(zip.subarray(0, zip.length - 10)),
      "unreadable_archive",
      "This ZIP file is damaged or incomplete (the end of the file is missing).",
    );
  });
});
