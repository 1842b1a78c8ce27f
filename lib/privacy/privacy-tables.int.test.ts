import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { allTables, tablesWithOrganizationId } from "./organization-tables";
import { PRIVACY_TABLES, UNDO_TABLES } from "./privacy-tables";

// A table added later cannot be silently missed by "forget a person": every table of the database
// must be listed with what forgetting does to it, and every district table must carry
// organization_id so deleting an organization finds it.

describe("privacy tables", () => {
  it("lists every table of the database, and no table that is not there", async () => {
    const tables = await allTables(await getDb());
    expect(Object.keys(PRIVACY_TABLES).sort()).toEqual(tables);
    for (const table of UNDO_TABLES) expect(tables).toContain(table);
  });

  it("finds the district tables by their organization_id column", async () => {
    const tables = await tablesWithOrganizationId(await getDb());
    // Tables that belong to a user or to nobody: their rows of an organization go by user or key.
    const notDistrict = [
      "accounts",
      "job_heartbeats",
      "organizations",
      "rate_limits",
      "sessions",
      "users",
      "verification_tokens",
    ];
    expect(tables.sort()).toEqual(
      Object.keys(PRIVACY_TABLES)
        .filter((table) => !notDistrict.includes(table))
        .sort(),
    );
  });
});
