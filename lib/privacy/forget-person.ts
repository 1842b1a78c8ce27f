import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { invalidateSchoolCounts } from "@/db/queries/roster-schools";
import { rowsOf, type Database, type Transaction } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { UserFacingError } from "@/lib/errors";
import { withImportLock } from "@/lib/import/import-lock";
import { REIMPORT_NOTE, tally, totalRemoved, type DeletionReport } from "./deletion-report";
import { forgottenReference, personNeedles } from "./person-needles";
import { scrubTraces } from "./scrub-traces";

// Forget a person on request (Settings → Data & privacy; `rostersync forget`): the student or
// staff member leaves every table of the organization (lib/privacy/privacy-tables.ts says what
// happens where). It runs under the organization's import lock, so no import plans against the
// person while they are removed. The audit entry keeps a one-way reference, never the id or name.

export type ForgetRequest = { kind: "student"; studentId: string } | { kind: "staff"; email: string };
/** Who asked: a signed-in admin (userId and their email as `label`) or the CLI ("cli"). */
export type ForgetActor = { userId?: string | null; label: string };

type Person = { id: number; firstName: string; lastName: string; email: string | null; staffId?: string | null };

const count = async (tx: Transaction, query: ReturnType<typeof sql>) =>
  rowsOf<{ n: number | string }>(await tx.execute(query)).length;

export async function forgetPerson(
  db: Database,
  organizationId: string,
  request: ForgetRequest,
  actor: ForgetActor,
  now: () => Date = () => new Date(),
): Promise<DeletionReport> {
  const subject = request.kind === "student" ? request.studentId.trim() : request.email.trim().toLowerCase();
  if (subject === "")
    throw new UserFacingError(
      request.kind === "student" ? "Type the student's id." : "Type the staff member's email.",
      "invalid_input",
    );
  if (request.kind === "staff" && !/^[^\s@]+@[^\s@]+$/.test(subject))
    throw new UserFacingError(`"${request.email.trim()}" is not an email address.`, "invalid_input");

  return withImportLock(db, organizationId, async (tx) => {
    const removed: Record<string, number> = {};
    const notes = [REIMPORT_NOTE];
    const person =
      request.kind === "student"
        ? await removeStudent(tx, organizationId, subject, removed)
        : await removeStaff(tx, organizationId, subject, actor, removed, notes);
    await invalidateSchoolCounts(tx, organizationId); // a cache: recounted on the next Schools view
    const needles = personNeedles([
      subject,
      person?.email,
      person?.staffId,
      person ? `${person.firstName} ${person.lastName}` : null,
    ]);
    await scrubTraces(tx, organizationId, needles, removed);

    const reference = forgottenReference(organizationId, request.kind, subject);
    if (person) {
      // Entries about the person point at a one-way reference instead of their record.
      const retargeted = await count(
        tx,
        sql`update audit_log set target_id = ${`forgotten:${reference}`}
            where organization_id = ${organizationId} and target_type = ${request.kind}
              and target_id = ${String(person.id)} returning id`,
      );
      tally(removed, "audit_log (targets)", retargeted);
    }
    if (totalRemoved({ removed } as DeletionReport) === 0) {
      throw new UserFacingError(
        request.kind === "student"
          ? `No student with id "${subject}" is stored in this organization.`
          : `No staff member with email "${subject}" is stored in this organization.`,
        "not_found",
      );
    }
    const at = now();
    await recordAudit(tx, organizationId, {
      actorUserId: actor.userId ?? null,
      actorLabel: actor.userId ? null : actor.label,
      action: "person.forgotten",
      targetType: request.kind,
      targetId: `forgotten:${reference}`,
      details: { removed },
    });
    return { what: request.kind, subject, removed, at, by: actor.label, notes };
  });
}

async function removeStudent(
  tx: Transaction,
  organizationId: string,
  studentId: string,
  removed: Record<string, number>,
): Promise<Person | null> {
  const [student] = rowsOf<Person>(
    await tx.execute(sql`
      select id, first_name as "firstName", last_name as "lastName", email from students
      where organization_id = ${organizationId} and student_id = ${studentId}`),
  );
  if (!student) return null;
  await dropUndoDataOf(tx, organizationId, { person: "students", links: "student_schools" }, student.id, removed);
  const where = sql`organization_id = ${organizationId} and student_id = ${student.id}`;
  tally(removed, "enrollments", await count(tx, sql`delete from enrollments where ${where} returning id`));
  tally(removed, "student_schools", await count(tx, sql`delete from student_schools where ${where} returning 1`));
  tally(
    removed,
    "students",
    await count(
      tx,
      sql`delete from students where organization_id = ${organizationId} and id = ${student.id} returning id`,
    ),
  );
  return student;
}

async function removeStaff(
  tx: Transaction,
  organizationId: string,
  email: string,
  actor: ForgetActor,
  removed: Record<string, number>,
  notes: string[],
): Promise<Person | null> {
  const [member] = rowsOf<Person>(
    await tx.execute(sql`
      select id, first_name as "firstName", last_name as "lastName", email, staff_id as "staffId" from staff
      where organization_id = ${organizationId} and email = ${email}`),
  );
  const [user] = rowsOf<{ id: string }>(await tx.execute(sql`select id from users where lower(email) = ${email}`));
  if (user && actor.userId === user.id)
    throw new UserFacingError("You cannot forget yourself: ask another admin of your organization.", "forbidden");

  if (member) {
    await dropUndoDataOf(tx, organizationId, { person: "staff", links: "staff_schools" }, member.id, removed);
    const where = sql`organization_id = ${organizationId} and staff_id = ${member.id}`;
    tally(
      removed,
      "teaching_assignments",
      await count(tx, sql`delete from teaching_assignments where ${where} returning id`),
    );
    tally(removed, "staff_schools", await count(tx, sql`delete from staff_schools where ${where} returning 1`));
    tally(
      removed,
      "rate_limits",
      await count(
        tx,
        sql`delete from rate_limits where key = ${`invitations:staff:${organizationId}:${member.id}`} returning 1`,
      ),
    );
  }
  tally(
    removed,
    "invitations",
    await count(
      tx,
      sql`delete from invitations where organization_id = ${organizationId}
            and (email = ${email}${member ? sql` or staff_id = ${member.id}` : sql``}) returning id`,
    ),
  );
  tally(
    removed,
    "memberships",
    await count(
      tx,
      sql`delete from memberships where organization_id = ${organizationId}
            and (${member ? sql`staff_id = ${member.id}` : sql`false`}${user ? sql` or user_id = ${user.id}` : sql``})
          returning id`,
    ),
  );
  if (user) await removeUserUnlessElsewhere(tx, user.id, email, removed, notes);
  if (member) {
    tally(
      removed,
      "staff",
      await count(
        tx,
        sql`delete from staff where organization_id = ${organizationId} and id = ${member.id} returning id`,
      ),
    );
  }
  return member ?? null;
}

/**
 * The user goes with everything that hangs off it (sessions, accounts, sign-in links and
 * counters), unless another organization still has them: then only this organization's link went.
 */
async function removeUserUnlessElsewhere(
  tx: Transaction,
  userId: string,
  email: string,
  removed: Record<string, number>,
  notes: string[],
): Promise<void> {
  const elsewhere = await count(tx, sql`select 1 from memberships where user_id = ${userId}`);
  if (elsewhere > 0) {
    notes.push(
      "They also belong to another organization: their sign-in stays for it; only this organization's link was removed.",
    );
    return;
  }
  tally(removed, "sessions", await count(tx, sql`delete from sessions where user_id = ${userId} returning 1`));
  tally(removed, "accounts", await count(tx, sql`delete from accounts where user_id = ${userId} returning 1`));
  tally(
    removed,
    "verification_tokens",
    await count(tx, sql`delete from verification_tokens where lower(identifier) = ${email} returning 1`),
  );
  const digest = createHash("sha256").update(email).digest("hex").slice(0, 32);
  tally(
    removed,
    "rate_limits",
    await count(tx, sql`delete from rate_limits where key = ${`sign-in-email:${digest}`} returning 1`),
  );
  tally(
    removed,
    "email_outbox",
    await count(tx, sql`delete from email_outbox where organization_id is null and lower("to") = ${email} returning 1`),
  );
  tally(removed, "users", await count(tx, sql`delete from users where id = ${userId} returning 1`));
}

/**
 * Undo data (import_undo_chunks) holds the ids a person's rows had and the values they had before
 * each import, names and emails included. Every import whose undo data touches the person (their
 * row, their school links, their enrollments or teaching assignments) loses all of its undo data:
 * taking out only the person's part would make undoing that import a silent partial restore. Those
 * imports then say they can no longer be undone.
 */
async function dropUndoDataOf(
  tx: Transaction,
  organizationId: string,
  tables: { person: "students" | "staff"; links: "student_schools" | "staff_schools" },
  personId: number,
  removed: Record<string, number>,
): Promise<void> {
  const links =
    tables.person === "students"
      ? sql`select id from enrollments where organization_id = ${organizationId} and student_id = ${personId}`
      : sql`select id from teaching_assignments where organization_id = ${organizationId} and staff_id = ${personId}`;
  const linkTable = tables.person === "students" ? "enrollments" : "teaching_assignments";
  const dropped = await count(
    tx,
    sql`delete from import_undo_chunks where organization_id = ${organizationId} and import_id in (
          select c.import_id from import_undo_chunks c
          where c.organization_id = ${organizationId}
            and ((c."table" in (${tables.person}, ${tables.links}) and ${personId}::bigint = any(c.row_ids))
              or (c."table" = ${linkTable} and c.row_ids && array(${links})::bigint[])))
        returning id`,
  );
  tally(removed, "import_undo_chunks", dropped);
}
