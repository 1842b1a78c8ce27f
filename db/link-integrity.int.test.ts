import { sql, type SQL } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getDriver, rowsOf } from "@/db/client";
import { makeOrganization, makeStaff, unique } from "@/tests/support/factories";

// Enrollments and teaching assignments name their class and person by (organization_id, id).
// Migration 0015 checks that with statement-level triggers instead of foreign keys (a check per
// row); this is what the keys kept, on PostgreSQL and on PGlite: a link to a missing or another
// organization's parent is refused (SQLSTATE 23503), deleting a parent deletes its links, a
// parent's key cannot change under a link, and a parent is not truncated alone.

type Roster = { organizationId: string; classId: number; otherClassId: number; studentId: number; staffId: number };

async function one(statement: SQL): Promise<number> {
  const db = await getDb();
  const [row] = rowsOf<{ id: string | number }>(await db.execute(statement));
  return Number(row!.id);
}

async function makeRoster(): Promise<Roster> {
  const { organization } = await makeOrganization();
  const organizationId = organization.id;
  const school = await one(
    sql`insert into schools (organization_id, school_id) values (${organizationId}, 'S1') returning id`,
  );
  const term = await one(sql`insert into terms (organization_id, name) values (${organizationId}, 'T1') returning id`);
  const klass = (classId: string) =>
    one(sql`insert into classes (organization_id, class_id, name, term_id, school_id)
      values (${organizationId}, ${classId}, 'Math', ${term}, ${school}) returning id`);
  const classId = await klass("C1");
  const otherClassId = await klass("C2");
  const studentId = await one(sql`insert into students (organization_id, student_id, first_name, last_name)
    values (${organizationId}, ${`s-${unique()}`}, 'Ana', 'Lee') returning id`);
  const staffId = (await makeStaff(organizationId)).id;
  return { organizationId, classId, otherClassId, studentId, staffId };
}

/** The SQLSTATE a statement fails with (drizzle wraps the driver's error as `cause`), or null. */
async function failure(statement: SQL): Promise<{ code: string; message: string } | null> {
  const db = await getDb();
  try {
    await db.execute(statement);
    return null;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { code: String(cause?.code ?? (error as { code?: string }).code), message: String(cause?.message) };
  }
}

const enroll = (organizationId: string, classId: number, studentId: number) =>
  sql`insert into enrollments (organization_id, class_id, student_id) values (${organizationId}, ${classId}, ${studentId})`;
const assign = (organizationId: string, classId: number, staffId: number) =>
  sql`insert into teaching_assignments (organization_id, class_id, staff_id) values (${organizationId}, ${classId}, ${staffId})`;

async function count(table: "enrollments" | "teaching_assignments", organizationId: string): Promise<number> {
  return one(sql`select count(*) as id from ${sql.raw(table)} where organization_id = ${organizationId}`);
}

describe("link integrity (enrollments, teaching assignments)", () => {
  let a: Roster;
  let b: Roster;
  beforeEach(async () => {
    a = await makeRoster();
    b = await makeRoster();
  });

  it("takes links whose class and person are the organization's own", async () => {
    expect(await failure(enroll(a.organizationId, a.classId, a.studentId))).toBeNull();
    expect(await failure(assign(a.organizationId, a.classId, a.staffId))).toBeNull();
    expect(await count("enrollments", a.organizationId)).toBe(1);
    expect(await count("teaching_assignments", a.organizationId)).toBe(1);
  });

  it("refuses an enrollment naming a missing class or student, saying which key", async () => {
    const missingClass = await failure(enroll(a.organizationId, a.classId + 1_000_000, a.studentId));
    expect(missingClass?.code).toBe("23503");
    expect(missingClass?.message).toContain('violates foreign key constraint "enrollments_class_fk"');
    const missingStudent = await failure(enroll(a.organizationId, a.classId, a.studentId + 1_000_000));
    expect(missingStudent?.code).toBe("23503");
    expect(missingStudent?.message).toContain('"enrollments_student_fk"');
    expect(await count("enrollments", a.organizationId)).toBe(0);
  });

  it("refuses a link to another organization's class, student or staff member", async () => {
    expect((await failure(enroll(a.organizationId, b.classId, a.studentId)))?.code).toBe("23503");
    expect((await failure(enroll(a.organizationId, a.classId, b.studentId)))?.code).toBe("23503");
    expect((await failure(assign(a.organizationId, b.classId, a.staffId)))?.code).toBe("23503");
    expect((await failure(assign(a.organizationId, a.classId, b.staffId)))?.code).toBe("23503");
    expect(await count("enrollments", a.organizationId)).toBe(0);
    expect(await count("teaching_assignments", a.organizationId)).toBe(0);
  });

  it("refuses a whole multi-row insert when one row names a missing parent", async () => {
    const statement = sql`insert into enrollments (organization_id, class_id, student_id)
      values (${a.organizationId}, ${a.classId}, ${a.studentId}), (${a.organizationId}, ${a.otherClassId}, ${b.studentId})`;
    expect((await failure(statement))?.code).toBe("23503");
    expect(await count("enrollments", a.organizationId)).toBe(0);
  });

  it("checks a link whose key an update changes, and leaves other updates alone", async () => {
    const db = await getDb();
    await db.execute(enroll(a.organizationId, a.classId, a.studentId));
    await db.execute(assign(a.organizationId, a.classId, a.staffId));
    const moved = await failure(
      sql`update enrollments set class_id = ${b.classId} where organization_id = ${a.organizationId}`,
    );
    expect(moved?.code).toBe("23503");
    expect(
      (
        await failure(
          sql`update teaching_assignments set staff_id = ${b.staffId} where organization_id = ${a.organizationId}`,
        )
      )?.code,
    ).toBe("23503");
    expect(
      await failure(
        sql`update enrollments set class_id = ${a.otherClassId} where organization_id = ${a.organizationId}`,
      ),
    ).toBeNull();
    expect(
      await failure(sql`update enrollments set active = false where organization_id = ${a.organizationId}`),
    ).toBeNull();
  });

  it("deleting a student, class or staff member deletes its links, and only its own", async () => {
    const db = await getDb();
    await db.execute(enroll(a.organizationId, a.classId, a.studentId));
    await db.execute(enroll(a.organizationId, a.otherClassId, a.studentId));
    await db.execute(assign(a.organizationId, a.classId, a.staffId));
    await db.execute(assign(a.organizationId, a.otherClassId, a.staffId));
    await db.execute(enroll(b.organizationId, b.classId, b.studentId));
    await db.execute(assign(b.organizationId, b.classId, b.staffId));

    await db.execute(sql`delete from classes where id = ${a.classId}`);
    expect(await count("enrollments", a.organizationId)).toBe(1);
    expect(await count("teaching_assignments", a.organizationId)).toBe(1);

    await db.execute(sql`delete from students where id = ${a.studentId}`);
    expect(await count("enrollments", a.organizationId)).toBe(0);
    await db.execute(sql`delete from staff where id = ${a.staffId}`);
    expect(await count("teaching_assignments", a.organizationId)).toBe(0);

    expect(await count("enrollments", b.organizationId)).toBe(1);
    expect(await count("teaching_assignments", b.organizationId)).toBe(1);
  });

  it("deleting an organization deletes its links with its classes", async () => {
    const db = await getDb();
    await db.execute(enroll(a.organizationId, a.classId, a.studentId));
    await db.execute(assign(a.organizationId, a.classId, a.staffId));
    await db.execute(enroll(b.organizationId, b.classId, b.studentId));
    await db.execute(sql`delete from organizations where id = ${a.organizationId}`);
    expect(await count("enrollments", a.organizationId)).toBe(0);
    expect(await count("teaching_assignments", a.organizationId)).toBe(0);
    expect(await count("enrollments", b.organizationId)).toBe(1);
  });

  it("refuses changing a linked parent's key, and truncating a parent without its links", async () => {
    const db = await getDb();
    await db.execute(enroll(a.organizationId, a.classId, a.studentId));
    await db.execute(assign(a.organizationId, a.classId, a.staffId));
    expect((await failure(sql`update classes set id = id + 1000000 where id = ${a.classId}`))?.code).toBe("23503");
    expect((await failure(sql`update students set id = id + 1000000 where id = ${a.studentId}`))?.code).toBe("23503");
    expect((await failure(sql`update staff set id = id + 1000000 where id = ${a.staffId}`))?.code).toBe("23503");
    // A parent no link names may still change (as with `on update no action`).
    expect(await failure(sql`update classes set id = id + 1000000 where id = ${a.otherClassId}`)).toBeNull();
    expect((await failure(sql`truncate classes`))?.code).toBe("0A000");
    expect(await count("enrollments", a.organizationId)).toBe(1);
  });

  it("locks the parents a new link names, so a concurrent delete waits for the insert (PostgreSQL)", async (context) => {
    if ((await getDriver()) !== "postgres") context.skip(); // PGlite has one connection
    const db = await getDb();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
    const insert = db.transaction(async (tx) => {
      await tx.execute(enroll(a.organizationId, a.classId, a.studentId));
      inserted();
      await held;
    });
    await insertedOnce;
    const deleteStudent = await db
      .transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '200ms'`);
        await tx.execute(sql`delete from students where id = ${a.studentId}`);
      })
      .then(
        () => null,
        (error: { cause?: { code?: string } }) => error.cause?.code ?? "error",
      );
    release();
    await insert;
    expect(deleteStudent).toBe("55P03"); // lock_not_available: the insert holds the student
    expect(await count("enrollments", a.organizationId)).toBe(1);
  });
});
