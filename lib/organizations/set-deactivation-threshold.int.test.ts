import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { findOrganizationById } from "@/db/queries/organizations";
import { auditLog } from "@/db/schema/audit";
import { makeOrganization } from "@/tests/support/factories";
import { setDeactivationThreshold } from "./set-deactivation-threshold";

// Settings → Imports: the hold threshold an admin edits, checked, saved for their organization
// only and written to the audit log.

const audits = async (organizationId: string) =>
  (await (await getDb()).select().from(auditLog).where(eq(auditLog.organizationId, organizationId))).filter(
    (entry) => entry.action === "setting.threshold_changed",
  );

describe("setDeactivationThreshold", () => {
  it("refuses anything but a whole number from 0 to 50, and changes nothing", async () => {
    const { organization, admin } = await makeOrganization();
    const db = await getDb();
    for (const percent of ["-1", "51", "100", "10.5", "abc", "", " ", "1e1", undefined, null, 12.5]) {
      await expect(
        setDeactivationThreshold(db, organization.id, { percent }, admin.userId),
        String(percent),
      ).rejects.toThrow("Enter a whole number of percent from 0 to 50.");
    }
    expect((await findOrganizationById(db, organization.id))?.deactivationThresholdPercent).toBe(10);
    expect(await audits(organization.id)).toEqual([]);
  });

  it("saves the new threshold for the caller's organization only, with an audit entry of before and after", async () => {
    const { organization, admin } = await makeOrganization();
    const other = await makeOrganization();
    const db = await getDb();
    expect(await setDeactivationThreshold(db, organization.id, { percent: " 25 %" }, admin.userId)).toEqual({
      before: 10,
      after: 25,
    });
    expect((await findOrganizationById(db, organization.id))?.deactivationThresholdPercent).toBe(25);
    expect((await findOrganizationById(db, other.organization.id))?.deactivationThresholdPercent).toBe(10);
    expect(await audits(organization.id)).toMatchObject([
      { actorUserId: admin.userId, targetType: "organization", details: { before: "10 %", after: "25 %" } },
    ]);
    // The bounds themselves are allowed; saving the same value again writes no entry.
    await setDeactivationThreshold(db, organization.id, { percent: "0" }, admin.userId);
    await setDeactivationThreshold(db, organization.id, { percent: "50" }, admin.userId);
    await setDeactivationThreshold(db, organization.id, { percent: "50" }, admin.userId);
    expect((await audits(organization.id)).length).toBe(3);
    expect(await audits(other.organization.id)).toEqual([]);
  });
});
