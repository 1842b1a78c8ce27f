import { format } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { applyPendingImport } from "@/lib/import/decide-import";
import { createSession } from "@/lib/auth/create-session";
import { captureLog } from "@/lib/log";
import { makeOrganization, unique } from "@/tests/support/factories";
import { combinedCsv, importBytes, rosterOf, type CombinedLine } from "@/tests/support/roster-files";
import { canaryName } from "./canary-search";
import { dumpDatabase, needlesIn } from "./dump-database";

// Forget a person (issue 19): a made-up student and teacher go through imports (a name change, a
// conflicting row whose issue names them, a held import whose staged rows hold them), an
// invitation, a refused invitation mail, a sign-in; then both are forgotten. Afterwards a dump of
// the whole database and everything the server logged hold none of their names, ids or email, and
// every export of the roster is what it was minus them (another organization's: byte for byte).

const refuse = new Set<string>();
vi.mock("@/lib/mail/send-mail", async (original) => {
  const actual = await original<typeof import("@/lib/mail/send-mail")>();
  return {
    ...actual,
    sendMail: async (message: Parameters<typeof actual.sendMail>[0]) => {
      if (refuse.has(message.to))
        throw new actual.MailError(`The mail service refused the message to ${message.to}: mailbox unavailable`);
      return actual.sendMail(message);
    },
  };
});
const { sendInvitations } = await import("@/lib/invitations/send-invitations");
const { createStaffMembership } = await import("@/lib/invitations/create-staff-membership");
const { forgetPerson } = await import("@/lib/privacy/forget-person");

const FIRST = canaryName("Zorvina");
const RENAMED = canaryName("Zorvette");
const LAST = canaryName("Quenby");
const STUDENT_ID = canaryName("SID");
const T_FIRST = canaryName("Talmor");
const T_LAST = canaryName("Weskin");
const T_EMAIL = `${canaryName("tcanary")}@district.test`;
const T_STAFF_ID = canaryName("STF");
const NEEDLES = [FIRST, RENAMED, LAST, STUDENT_ID, T_FIRST, T_LAST, T_EMAIL, T_STAFF_ID];

const logged: string[] = [];
let stopCapture: () => void = () => {};
beforeAll(() => {
  stopCapture = captureLog((line) => logged.push(line));
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(format(...args));
    });
  }
});
afterAll(() => {
  stopCapture();
  vi.restoreAllMocks();
});

const canaryTeacher = { teacherEmail: T_EMAIL, teacherFirst: T_FIRST, teacherLast: T_LAST, staffId: T_STAFF_ID };
const others: CombinedLine[] = Array.from({ length: 12 }, (_, i) => ({
  school: "401",
  classId: `401-C${i % 3}`,
  studentId: `401-S${i}`,
  teacherEmail: `t${i % 3}@district.test`,
}));
const file = (first: string, extra: CombinedLine[] = []) =>
  combinedCsv([
    ...others,
    { school: "401", classId: "401-C0", studentId: STUDENT_ID, first, last: LAST, ...canaryTeacher },
    { school: "401", classId: "401-CX", className: "Canary Class", studentId: "401-S0", ...canaryTeacher },
    ...extra,
  ]);

/** Every export of the organization as text lines, with the canary's lines left out when asked. */
async function exportsOf(organizationId: string, withoutCanary = false): Promise<Record<string, string[]>> {
  const roster = await rosterOf(organizationId);
  return Object.fromEntries(
    Object.entries(roster).map(([type, records]) => [
      type,
      (records as object[])
        .map((record) => JSON.stringify(record))
        .filter((line) => !withoutCanary || needlesIn(line, NEEDLES).length === 0),
    ]),
  );
}

describe("forgetting a person", () => {
  it("leaves no trace of the student and the teacher in any table or log; other exports unchanged", async () => {
    const db = await getDb();
    const { organization, admin } = await makeOrganization();
    const other = await makeOrganization();
    await importBytes(other.organization.id, file(FIRST)); // B holds the same people: B keeps them

    // imports: created, then renamed in a file whose conflicting row names them in an issue
    expect((await importBytes(organization.id, file(FIRST))).status).toBe("applied");
    const renamed = await importBytes(
      organization.id,
      file(RENAMED, [{ school: "401", classId: "401-C1", studentId: STUDENT_ID, first: FIRST, last: LAST }]),
    );
    expect(renamed.issues.map((issue) => issue.code)).toContain("conflicting_student");
    // a held import: it drops most of the others, and its staged rows hold the canary
    const held = await importBytes(
      organization.id,
      combinedCsv([
        { school: "401", classId: "401-C0", studentId: STUDENT_ID, first: RENAMED, last: LAST, ...canaryTeacher },
        ...others.slice(0, 2),
      ]),
      { thresholdPercent: 10 },
    );
    expect(held.status).toBe("held");

    // an invitation (sent to the outbox), a refused one, then the teacher signs in
    const [teacher] = rowsOf<{ id: number }>(
      await db.execute(sql`select id from staff where organization_id = ${organization.id} and email = ${T_EMAIL}`),
    );
    const sentBy = { userId: admin.userId, email: admin.email };
    const first = await sendInvitations(db, organization.id, {
      staffIds: [teacher!.id],
      sentBy,
    });
    expect(first.sent).toHaveLength(1);
    refuse.add(T_EMAIL);
    const second = await sendInvitations(db, organization.id, {
      staffIds: [teacher!.id],
      sentBy,
    });
    expect(second.failed).toHaveLength(1);
    const { userId } = await createStaffMembership(db, organization.id, { staffId: teacher!.id, email: T_EMAIL });
    await createSession(db, userId);
    await db.execute(sql`insert into verification_tokens (identifier, token, expires)
      values (${T_EMAIL}, ${unique()}, now() + interval '1 hour')`);

    const before = await exportsOf(organization.id, true);
    const otherBefore = await exportsOf(other.organization.id);
    const dumped = await dumpDatabase();
    expect(needlesIn(dumped, NEEDLES).sort()).toEqual([...NEEDLES].sort()); // the search can find them

    const actor = { userId: admin.userId, label: admin.email };
    const student = await forgetPerson(db, organization.id, { kind: "student", studentId: STUDENT_ID }, actor);
    expect(student.removed).toMatchObject({ students: 1, enrollments: 1 });
    expect(student.removed["import_issues"]).toBeGreaterThan(0);
    expect(student.removed["imports (change samples)"]).toBeGreaterThan(0);
    expect(student.removed["import_staged_rows (rows)"]).toBe(1);
    expect(student.notes.join(" ")).toMatch(/imported as a new person/);
    const staff = await forgetPerson(db, organization.id, { kind: "staff", email: T_EMAIL.toUpperCase() }, actor);
    expect(staff.removed).toMatchObject({ staff: 1, users: 1, sessions: 1, memberships: 1, invitations: 2 });
    expect(staff.removed["teaching_assignments"]).toBeGreaterThan(0);

    // B still holds them (their own copy): search A's rows and everything not B's
    const rowsOfB = new RegExp(other.organization.id);
    const after = (await dumpDatabase())
      .split("\n")
      .filter((line) => !rowsOfB.test(line))
      .join("\n");
    expect(needlesIn(after, NEEDLES)).toEqual([]);
    expect(logged.join("\n")).toContain("invitation mail not sent"); // the capture works
    expect(needlesIn(logged.join("\n"), NEEDLES)).toEqual([]);
    expect(await exportsOf(organization.id)).toEqual(before);
    expect(await exportsOf(other.organization.id)).toEqual(otherBefore);

    // the audit log records both acts, by reference only
    const entries = rowsOf<{ action: string; targetId: string; line: string }>(
      await db.execute(sql`select action, target_id as "targetId", t::text as line from audit_log t
        where organization_id = ${organization.id} and action = 'person.forgotten'`),
    );
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(entry.targetId).toMatch(/^forgotten:[0-9a-f]{16}$/);

    // The held import still applies, without the forgotten student (a later file may bring them back).
    const applied = await applyPendingImport(db, organization.id, held.id, { userId: admin.userId });
    expect(applied.status).toBe("applied");
    expect((await rosterOf(organization.id)).students.map((s) => s.studentId)).not.toContain(STUDENT_ID);
  });

  it("refuses what it cannot find, and a staff email that is not one, without removing anything", async () => {
    const db = await getDb();
    const { organization } = await makeOrganization();
    await importBytes(organization.id, file(FIRST));
    const actor = { label: "test" };
    await expect(
      forgetPerson(db, organization.id, { kind: "student", studentId: "no-such-id" }, actor),
    ).rejects.toThrow('No student with id "no-such-id" is stored in this organization.');
    await expect(forgetPerson(db, organization.id, { kind: "staff", email: "not an email" }, actor)).rejects.toThrow(
      "is not an email address",
    );
    await expect(forgetPerson(db, organization.id, { kind: "student", studentId: "  " }, actor)).rejects.toThrow(
      "Type the student's id.",
    );
    // a student of another organization is not found here
    const other = await makeOrganization();
    await expect(
      forgetPerson(db, other.organization.id, { kind: "student", studentId: STUDENT_ID }, actor),
    ).rejects.toThrow(/No student/);
    expect((await rosterOf(organization.id)).students.map((s) => s.studentId)).toContain(STUDENT_ID);
  });

  it("a staff member who also belongs to another organization keeps their sign-in there", async () => {
    const db = await getDb();
    const a = await makeOrganization();
    const b = await makeOrganization();
    await importBytes(a.organization.id, file(FIRST));
    await importBytes(b.organization.id, file(FIRST));
    const staffIn = async (organizationId: string) =>
      rowsOf<{ id: number }>(
        await db.execute(sql`select id from staff where organization_id = ${organizationId} and email = ${T_EMAIL}`),
      )[0]!.id;
    const { userId } = await createStaffMembership(db, a.organization.id, {
      staffId: await staffIn(a.organization.id),
      email: T_EMAIL,
    });
    await createStaffMembership(db, b.organization.id, { staffId: await staffIn(b.organization.id), email: T_EMAIL });
    await createSession(db, userId);

    const report = await forgetPerson(db, a.organization.id, { kind: "staff", email: T_EMAIL }, { label: "test" });
    expect(report.removed).toMatchObject({ memberships: 1, staff: 1 });
    expect(report.removed["users"]).toBeUndefined();
    expect(report.notes.join(" ")).toMatch(/another organization/);
    const memberships = rowsOf<{ organizationId: string }>(
      await db.execute(sql`select organization_id as "organizationId" from memberships where user_id = ${userId}`),
    );
    expect(memberships.map((m) => m.organizationId)).toContain(b.organization.id);
    expect(memberships.map((m) => m.organizationId)).not.toContain(a.organization.id);
    expect(rowsOf(await db.execute(sql`select 1 from sessions where user_id = ${userId}`))).toHaveLength(1);
  });
});
