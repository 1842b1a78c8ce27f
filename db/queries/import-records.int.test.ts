import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getDriver } from "@/db/client";
import {
  createImportRecord,
  loadStagedRows,
  STAGE_CHUNK,
  stageRows,
  type StagedRow,
} from "@/db/queries/import-records";
import { importStagedRows } from "@/db/schema/imports";
import { makeOrganization } from "@/tests/support/factories";

describe("staged rows", () => {
  it("are stored in chunks small enough for the database (1,000 rows on embedded PGlite) and read back in order", async () => {
    const db = await getDb();
    const { organization } = await makeOrganization();
    const record = await createImportRecord(db, organization.id, {
      source: "upload",
      kind: "combined",
      fileName: "roster.csv",
      fileSize: 1,
      sha256: "0".repeat(64),
    });
    const rows: StagedRow[] = Array.from({ length: 5_001 }, (_, i) => [i + 2, 2, `First${i}`, `Last${i}`]);
    await stageRows(db, organization.id, record.id, rows);
    const chunks = await db
      .select({ chunk: importStagedRows.chunk, rows: importStagedRows.rows })
      .from(importStagedRows)
      .where(and(eq(importStagedRows.organizationId, organization.id), eq(importStagedRows.importId, record.id)))
      .orderBy(asc(importStagedRows.chunk));
    const size = (await getDriver()) === "pglite" ? 1_000 : 5_000;
    expect(STAGE_CHUNK[await getDriver()]).toBe(size);
    expect(chunks.map((c) => (c.rows as StagedRow[]).length)).toEqual(
      size === 1_000 ? [1_000, 1_000, 1_000, 1_000, 1_000, 1] : [5_000, 1],
    );
    expect(await loadStagedRows(db, organization.id, record.id)).toEqual(rows);
  });
});
