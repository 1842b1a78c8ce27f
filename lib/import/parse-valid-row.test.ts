import { describe, expect, it } from "vitest";
import type { ImportKind } from "./types";
import { combinedRowSchema, parseValidRow, staffRowSchema, studentRowSchema } from "./validate-rows";

// The fast path must give exactly what the zod row schema gives for a row it accepts, and give
// way to zod (null) for every row zod rejects, so the issues stay zod's.

const schemas = { combined: combinedRowSchema, staff: staffRowSchema, students: studentRowSchema } as const;

const CELLS = [
  "",
  " ",
  "A-101",
  "  Padded  ",
  "Zoë",
  "T@District.Test",
  " ana.lopez@school.org ",
  "not-an-email",
  "a@b",
  "x@y.z",
  "first.last+tag@sub.example.co.uk",
  "two@@signs.org",
  "\t\ttabbed@school.org",
];

/** Every field of the kind in turn takes every cell, the others a valid value. */
function rows(kind: ImportKind): Array<Record<string, string>> {
  const shape = schemas[kind].shape as Record<string, unknown>;
  const valid = (field: string) => (/email/i.test(field) ? "t@district.test" : "V");
  const fields = Object.keys(shape);
  const all: Array<Record<string, string>> = [];
  for (const field of fields) {
    for (const cell of CELLS) {
      all.push(Object.fromEntries(fields.map((f) => [f, f === field ? cell : valid(f)])));
    }
  }
  return all;
}

describe("parseValidRow (validation's fast path)", () => {
  for (const kind of ["combined", "staff", "students"] as const) {
    it(`agrees with the ${kind} row schema on every cell`, () => {
      for (const values of rows(kind)) {
        const zod = schemas[kind].safeParse(values);
        const fast = parseValidRow(kind, values);
        if (zod.success) expect(fast).toEqual(zod.data);
        else expect(fast).toBeNull();
      }
    });
  }
});
