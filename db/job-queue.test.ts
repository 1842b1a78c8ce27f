import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { JOB_SCHEMA_VERSION } from "./client";

describe("job queue schema version", () => {
  it("is the pinned pg-boss's (update JOB_SCHEMA_VERSION with pg-boss)", () => {
    const file = createRequire(import.meta.url).resolve("pg-boss/version.json");
    expect(JSON.parse(readFileSync(file, "utf8")).schema).toBe(JOB_SCHEMA_VERSION);
  });
});
