import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { listEnabledNightlySources } from "@/db/queries/nightly-sources";
import { listOutbox } from "@/lib/mail/outbox";
import { publicBaseUrl } from "@/lib/public-url";
import { makeOrganization, makeStaff } from "@/tests/support/factories";
import { makeSource } from "@/tests/support/nightly";

// Issue 13 item 3 (account takeover): every mailed link is on the configured public address.
// Each request here carries a forged Host and X-Forwarded-Host; no mailed link may name it.

const EVIL = "evil.test";
let session: { user: { id: string; email: string } } | null = null;
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => session,
  signIn: async () => undefined,
  signOut: async () => undefined,
  CHECK_EMAIL_PATH: "/sign-in/check-email",
}));
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({ host: EVIL, "x-forwarded-host": EVIL, "x-forwarded-proto": "https", origin: `https://${EVIL}` }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
  notFound: () => {
    throw new Error("notFound");
  },
}));

const { staffAction } = await import("@/app/(admin)/admin/staff/actions");
const { sendSignInLink } = await import("@/lib/auth/magic-link-mail");
const { notifyAdminsOfHold } = await import("@/lib/import/notify-held");
const { notifyMissedImport } = await import("@/lib/sources/notify-missed-import");

/** Every link mailed to this address, which must all be on the public address. */
async function linksTo(to: string): Promise<string[]> {
  const links = (await listOutbox({ to })).flatMap((message) => message.links);
  expect(links.length).toBeGreaterThan(0);
  return links;
}
const onPublicAddress = (links: string[]) => {
  for (const link of links) {
    expect(link).not.toContain(EVIL);
    expect(new URL(link).origin).toBe(publicBaseUrl());
  }
};

describe("mailed links under a forged X-Forwarded-Host", () => {
  it("an invitation links to the public address", async () => {
    const { organization, admin } = await makeOrganization();
    const teacher = await makeStaff(organization.id);
    session = { user: { id: admin.userId, email: admin.email } };
    const form = new FormData();
    form.set("intent", "send-selected");
    form.append("staffId", String(teacher.id));
    const state = await staffAction({}, form);
    expect(state).toMatchObject({ message: "Sent 1 invitation." });
    onPublicAddress(await linksTo(teacher.email));
  });

  it("a sign-in link is on the public address, whatever host Auth.js was told", async () => {
    const to = `ann-${Date.now()}@district.test`;
    await sendSignInLink({
      identifier: to,
      url: `https://${EVIL}/api/auth/callback/email?callbackUrl=https%3A%2F%2F${EVIL}%2F&token=t0k&email=${encodeURIComponent(to)}`,
      expires: new Date(Date.now() + 3_600_000),
    });
    onPublicAddress(await linksTo(to));
  });

  it("held and missed import alerts link to the public address", async () => {
    const db = await getDb();
    const adminEmail = `alerts-${Date.now()}@district.test`;
    const { organization } = await makeOrganization({ adminEmail });
    await notifyAdminsOfHold(db, organization.id, {
      id: "00000000-0000-4000-8000-000000000001",
      fileName: "roster.csv",
      kind: "combined",
      rows: 10,
      heldReason: "It would deactivate 8 of 10 active classes.",
    } as Parameters<typeof notifyAdminsOfHold>[2]);
    await makeSource(organization);
    const source = (await listEnabledNightlySources(db)).find((s) => s.organizationId === organization.id);
    expect(source).toBeDefined();
    await notifyMissedImport(db, source!, { date: "2026-12-01", deadline: new Date("2026-12-01T14:00:00Z") });
    const links = await linksTo(adminEmail);
    expect(links).toHaveLength(2);
    onPublicAddress(links);
  });
});
