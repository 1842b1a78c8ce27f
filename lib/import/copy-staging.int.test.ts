import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { undoImport } from "@/lib/import/undo-import";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, countRows, grid, importBytes, rosterOf, type CombinedLine } from "@/tests/support/roster-files";

// Long lists are written through COPY into a staging table (db/queries/roster-writes.ts), not
// `unnest` arrays: every row arrives with its text as written (backslashes, quotes, accents),
// the undo data is kept in chunks, and the composite keys keep links inside their organization.

/** 60 classes of 50 students: 3,000 enrollments and students, over the COPY threshold. */
function largeFile(): CombinedLine[] {
  return grid("900", 60, 50).map((line, i) => ({
    ...line,
    studentId: `900-S${i}`,
    first: i % 7 === 0 ? "Zoë \\ O'Neil" : `First${i}`,
    last: i % 11 === 0 ? 'Back\\slash "quoted", \\N' : `Last${i}`,
  }));
}

describe("writing a large import through COPY", () => {
  it("writes every row with its text as written, and undoing it removes them all", async () => {
    const org = (await makeOrganization()).organization.id;
    const lines = largeFile();
    const result = await importBytes(org, combinedCsv(lines));
    expect(result.status).toBe("applied");
    expect(result.counts.students.created).toBe(3_000);
    expect(result.counts.enrollments.created).toBe(3_000);

    const roster = await rosterOf(org);
    const byId = new Map(roster.students.map((s) => [s.studentId, s]));
    expect(byId.get("900-S0")).toMatchObject({ firstName: "Zoë \\ O'Neil", lastName: 'Back\\slash "quoted", \\N' });
    expect(byId.get("900-S1")).toMatchObject({ firstName: "First1", lastName: "Last1" });
    expect(roster.enrollments).toHaveLength(3_000);

    const undo = await undoImport(await getDb(), org, result.id, { label: "test" });
    expect(undo.status).toBe("applied");
    expect(await countRows("students", org)).toBe(0);
    expect(await countRows("enrollments", org)).toBe(0);
  });

  it("refuses a link to another organization's class or student (composite keys)", async () => {
    const mine = (await makeOrganization()).organization.id;
    const theirs = (await makeOrganization()).organization.id;
    await importBytes(mine, combinedCsv(grid("101", 1, 1)));
    await importBytes(theirs, combinedCsv(grid("202", 1, 1)));
    const db = await getDb();
    const [their] = rowsOf<{ classId: number; studentId: number }>(
      await db.execute(sql`select c.id as "classId", s.id as "studentId" from classes c, students s
        where c.organization_id = ${theirs} and s.organization_id = ${theirs}`),
    );
    const [my] = rowsOf<{ classId: number; studentId: number }>(
      await db.execute(sql`select c.id as "classId", s.id as "studentId" from classes c, students s
        where c.organization_id = ${mine} and s.organization_id = ${mine}`),
    );
    const insert = (classId: number, studentId: number) =>
      db.execute(
        sql`insert into enrollments (organization_id, class_id, student_id) values (${mine}, ${classId}, ${studentId})`,
      );
    await expect(insert(their!.classId, my!.studentId)).rejects.toThrow();
    await expect(insert(my!.classId, their!.studentId)).rejects.toThrow();
    await expect(
      db.execute(sql`insert into teaching_assignments (organization_id, class_id, staff_id)
        select ${mine}, ${my!.classId}, id from staff where organization_id = ${theirs}`),
    ).rejects.toThrow();
  });
});
