import { afterEach, describe, expect, it } from "vitest";
import { readFile } from "./read-file";
import { DEFAULT_READ_LIMITS, ImportFileError } from "./types";

// IMPORT_MAX_FILE_MB and IMPORT_MAX_ROWS raise the file and row limits for a deployment that
// imports the largest districts (up to 1 GB and 10,000,000 rows); unset, they are 100 MB and
// 2,000,000 rows. They are read when a limit is asked for.

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

/** What `fn` throws (undefined when it does not). */
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
};

describe("the file and row limit settings", () => {
  it("are 100 MB and 2,000,000 rows when unset or not a whole number", () => {
    for (const value of [undefined, "", "abc", "0", "-5", "1.5"]) {
      if (value === undefined) delete process.env.IMPORT_MAX_FILE_MB;
      else process.env.IMPORT_MAX_FILE_MB = value;
      process.env.IMPORT_MAX_ROWS = value ?? "";
      expect(DEFAULT_READ_LIMITS.maxBytes).toBe(100 * 1024 * 1024);
      expect(DEFAULT_READ_LIMITS.maxRows).toBe(2_000_000);
    }
  });

  it("refuse a file over a raised limit, and never go past 1 GB and 10,000,000 rows", () => {
    process.env.IMPORT_MAX_FILE_MB = "1";
    const bytes = new Uint8Array(1024 * 1024 + 1);
    const error = thrown(() => readFile(bytes));
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ code: "file_too_large", message: "The file is 1 MB; the limit is 1 MB." });
    process.env.IMPORT_MAX_FILE_MB = "4096";
    process.env.IMPORT_MAX_ROWS = "50000000";
    expect(DEFAULT_READ_LIMITS.maxBytes).toBe(1024 * 1024 * 1024);
    expect(DEFAULT_READ_LIMITS.maxRows).toBe(10_000_000);
  });

  it("count rows against a lowered row limit", () => {
    process.env.IMPORT_MAX_ROWS = "2";
    const table = readFile(new TextEncoder().encode("Student ID\n1\n2\n3\n"));
    expect(thrown(() => table.eachRow(() => {}))).toMatchObject({ code: "too_many_rows" });
  });
});
