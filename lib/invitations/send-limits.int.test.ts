import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { listStaffInvitations } from "@/db/queries/invitations";
import { auditLog } from "@/db/schema/audit";
import { rateLimits } from "@/db/schema/rate-limits";
import { makeOrganization, makeStaff } from "@/tests/support/factories";
import { captureLog } from "@/lib/log";

// Rate limits and a refused mail. sendMail is stood in for so a chosen address fails.
const refused = new Set<string>();
const sent: Array<{ to: string; idempotencyKey?: string }> = [];
vi.mock("@/lib/mail/send-mail", async (original) => {
  const actual = await original<typeof import("@/lib/mail/send-mail")>();
  return {
    ...actual,
    sendMail: async (message: { to: string; idempotencyKey?: string }) => {
      if (refused.has(message.to))
        throw new actual.MailError(`The mail service refused the message to ${message.to}: blocked`);
      sent.push(message);
      return { id: "m", transport: "resend" };
    },
  };
});

const { sendInvitations } = await import("./send-invitations");
const { lookUpInvitation } = await import("./look-up-invitation");
const { INVITATION_LIMITS } = await import("./invitation-rate-limits");
const db = await getDb();

beforeEach(() => {
  refused.clear();
  sent.length = 0;
});

async function setup(limits = INVITATION_LIMITS) {
  const { organization, admin } = await makeOrganization();
  const send = (...staffIds: number[]) =>
    sendInvitations(db, organization.id, {
      staffIds,
      sentBy: { userId: admin.userId, email: admin.email },
      limits,
    });
  return { organization, send };
}

describe("invitation rate limits", () => {
  it("allows one send and four resends a day per person, then says when to try again", async () => {
    expect(INVITATION_LIMITS.staff).toEqual({ points: 5, durationSeconds: 86_400 });
    const { organization, send } = await setup();
    const ana = await makeStaff(organization.id);
    for (let i = 0; i < 5; i += 1) expect((await send(ana.id)).sent).toHaveLength(1);
    const sixth = await send(ana.id);
    expect(sixth.sent).toEqual([]);
    expect(sixth.skipped[0]?.reason).toMatch(
      /^This person has been sent 5 invitations in the last 24 hours, the most allowed\. Try again after 20\d\d-/,
    );
    const retryAt = new Date(sixth.skipped[0]?.reason.split("after ")[1]?.replace(/\.$/, "") ?? "");
    expect(retryAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    // The refused send changed nothing: the fifth link still works, no sixth invitation exists.
    expect(sent).toHaveLength(5);
    const audits = await db.select().from(auditLog).where(eq(auditLog.organizationId, organization.id));
    expect(audits.filter((a) => a.action.startsWith("invitation."))).toHaveLength(5);
    // Someone else in the district is not held back.
    const ben = await makeStaff(organization.id);
    expect((await send(ben.id)).sent).toHaveLength(1);
  });

  it("stops a run at the organization's limit and says how many were not tried", async () => {
    expect(INVITATION_LIMITS.organization).toEqual({ points: 1000, durationSeconds: 3600 });
    const { organization, send } = await setup({
      organization: { points: 2, durationSeconds: 3600 },
      staff: INVITATION_LIMITS.staff,
    });
    const people = await Promise.all([1, 2, 3, 4].map(() => makeStaff(organization.id)));
    const result = await send(...people.map((p) => p.id));
    expect(result.sent.map((s) => s.staffId)).toEqual([people[0]?.id, people[1]?.id]);
    expect(result.stoppedByLimit).toMatchObject({
      notTried: 2,
      message: "Your district has sent 2 invitations in the last hour, the most allowed.",
    });
    const { counts } = await listStaffInvitations(db, organization.id);
    expect(counts).toMatchObject({ invited: 2, not_invited: 2 });
    const [counter] = await db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `invitations:org:${organization.id}`));
    expect(counter?.points).toBe(2); // the refused attempt was rolled back with its transaction
  });

  it("counts each district apart", async () => {
    const limits = { organization: { points: 1, durationSeconds: 3600 }, staff: INVITATION_LIMITS.staff };
    const a = await setup(limits);
    const b = await setup(limits);
    expect((await a.send((await makeStaff(a.organization.id)).id)).sent).toHaveLength(1);
    expect((await b.send((await makeStaff(b.organization.id)).id)).sent).toHaveLength(1);
  });
});

describe("a mail the service refuses", () => {
  it("is reported, leaves a link that never works, shows as send failed and is audited; a resend fixes it", async () => {
    const { organization, send } = await setup();
    const ana = await makeStaff(organization.id);
    const ben = await makeStaff(organization.id);
    refused.add(ana.email);
    const lines: string[] = [];
    const stopCapture = captureLog((line) => lines.push(line));
    const result = await send(ana.id, ben.id);
    stopCapture();
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ msg: "invitation mail not sent", staffId: ana.id }),
    );
    expect(lines.join("")).not.toContain(ana.email);
    expect(result.failed).toEqual([
      { staffId: ana.id, email: ana.email, message: `The mail service refused the message to ${ana.email}: blocked` },
    ]);
    expect(result.sent.map((s) => s.staffId)).toEqual([ben.id]);
    const rows = (await listStaffInvitations(db, organization.id)).rows;
    expect(rows.find((r) => r.id === ana.id)?.status).toBe("send_failed");
    const audits = await db.select().from(auditLog).where(eq(auditLog.organizationId, organization.id));
    const invitationAudits = audits.map((a) => a.action).filter((a) => a.startsWith("invitation."));
    expect(invitationAudits.sort()).toEqual(["invitation.send_failed", "invitation.sent", "invitation.sent"]);

    refused.clear();
    const again = await send(ana.id);
    expect(again.sent).toHaveLength(1);
    expect((await listStaffInvitations(db, organization.id)).rows.find((r) => r.id === ana.id)?.status).toBe("invited");
    expect((await lookUpInvitation(db, "not-a-token")).state).toBe("invalid");
  });
});
