import { expect, test, type Browser } from "@playwright/test";
import { InvitationPage } from "./support/invitation-page";
import { MyClassesPage } from "./support/my-classes-page";
import { latestLinkTo, outboxCount } from "./support/outbox";
import { combinedCsv, importRoster } from "./support/roster-import";
import { SignInPage } from "./support/sign-in-page";
import { StaffPage } from "./support/staff-page";

const ADMIN = "admin@demo.test";
// One run's names, so the spec also passes against a DATABASE_URL database used before.
const run = Date.now().toString(36);
const school = `LIN-${run}`;
const ana = `ana.perez.${run}@demo.test`;
const ben = `ben.okafor.${run}@demo.test`;
const cara = `cara.lind.${run}@demo.test`;
const teacher = (email: string, first: string, last: string): [string, string, string] => [first, last, email];
const anaT = teacher(ana, "Ana", "Perez");
const benT = teacher(ben, "Ben", "Okafor");
const caraT = teacher(cara, "Cara", "Lind");
const algebra = { school, classId: `ALG-${run}`, className: "Algebra I", period: "2", teacher: anaT };
const biology = { school, classId: `BIO-${run}`, className: "Biology", period: "3", teacher: benT };
const firstFile = combinedCsv([
  { ...algebra, student: ["Maya", "Jones", `S1-${run}`] },
  { ...algebra, student: ["Liam", "Chen", `S2-${run}`] },
  { ...biology, student: ["Maya", "Jones", `S1-${run}`] },
  {
    school,
    classId: `ART-${run}`,
    className: "Art",
    period: "4",
    teacher: caraT,
    student: ["Liam", "Chen", `S2-${run}`],
  },
]);

async function signedInAdmin(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(ADMIN);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  return { context, page };
}

test.describe.configure({ mode: "serial" });

test("admin imports, invites two; the teacher accepts and lands on My classes; a later import reaches them", async ({
  browser,
}) => {
  const admin = await signedInAdmin(browser);
  await importRoster(admin.page, "roster.csv", firstFile, { staffCreated: 3 });

  // The dashboard points at the staff not yet invited.
  await admin.page.goto("/admin");
  await expect(admin.page.getByRole("link", { name: /staff not yet invited/ })).toBeVisible();

  const staff = new StaffPage(admin.page);
  await staff.goto();
  // This server keeps mail in the outbox (MAIL_TRANSPORT=outbox): the page says so, in plain words.
  await expect(admin.page.getByText("Email is not being delivered.")).toBeVisible();
  await expect(admin.page.getByText(/MAIL_TRANSPORT|RESEND_API_KEY/)).toHaveCount(0);
  for (const email of [ana, ben, cara]) await expect(staff.status(email)).toHaveText("Not invited");
  await staff.invite(ana, ben);
  await expect(staff.status(ana)).toHaveText("Invited");
  await expect(staff.status(ben)).toHaveText("Invited");
  await expect(staff.status(cara)).toHaveText("Not invited");
  await expect(staff.row(ana)).toContainText(`by ${ADMIN}`);
  await expect(staff.row(ana)).toContainText("expires");

  // The outbox holds one invitation each.
  expect(await outboxCount(admin.page, ana)).toBe(1);
  expect(await outboxCount(admin.page, ben)).toBe(1);
  expect(await outboxCount(admin.page, cara)).toBe(0);
  const link = await latestLinkTo(admin.page, ana);
  await expect(admin.page.getByTestId("outbox-message").first()).toContainText(
    `${ADMIN} invited you to Demo District on RosterSync`,
  );

  // A mail scanner's GETs do not use the link up.
  for (let i = 0; i < 2; i += 1) expect((await admin.page.request.get(link)).status()).toBe(200);

  // The teacher, in a browser of their own.
  const teacherContext = await browser.newContext();
  const teacherPage = await teacherContext.newPage();
  const invitation = new InvitationPage(teacherPage);
  await invitation.open(link);
  await expect(teacherPage.getByRole("heading", { name: "Join Demo District" })).toBeVisible();
  await expect(teacherPage.getByText("Ana Perez")).toBeVisible();
  await invitation.accept();
  const myClasses = new MyClassesPage(teacherPage);
  await myClasses.expectOpen();
  await expect(teacherPage.locator("header summary")).toContainText(ana);
  // Ana sees her class and its students, and nothing else.
  expect(await myClasses.terms()).toEqual(["2026-27"]);
  expect(await myClasses.classesIn("2026-27")).toEqual(["Algebra I"]);
  await myClasses.openClass("Algebra I");
  expect((await myClasses.roster()).sort()).toEqual([`Chen, Liam, S2-${run}`, `Jones, Maya, S1-${run}`]);
  const session = (await (await teacherPage.request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(ana);

  await staff.goto();
  await expect(staff.status(ana)).toHaveText("Active");

  // The admin imports a file that adds a student to Ana's class.
  const secondFile = combinedCsv([{ ...algebra, student: ["Noor", "Haddad", `S3-${run}`] }]).split("\n")[1];
  await importRoster(admin.page, "roster-2.csv", `${firstFile}\n${secondFile}`);
  await teacherPage.reload();
  expect((await myClasses.roster()).sort()).toEqual([
    `Chen, Liam, S2-${run}`,
    `Haddad, Noor, S3-${run}`,
    `Jones, Maya, S1-${run}`,
  ]);

  // The used link, opened again in a fresh browser, says so.
  const again = await browser.newContext();
  const againPage = await again.newPage();
  await new InvitationPage(againPage).open(link);
  await expect(againPage.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();
  await expect(againPage.getByRole("button", { name: "Accept" })).toHaveCount(0);
  await again.close();
  await teacherContext.close();
  await admin.context.close();
});

test("an expired link shows its page; a replaced link says so; the admin's own session is refused and told why", async ({
  browser,
}) => {
  const admin = await signedInAdmin(browser);
  const oldLink = await latestLinkTo(admin.page, ben);

  // Signed in as the admin, Ben's link is refused with the reason.
  await new InvitationPage(admin.page).open(oldLink);
  await expect(admin.page.getByRole("heading", { name: "You are signed in with another email" })).toBeVisible();
  await expect(admin.page.getByText(`You are signed in as ${ADMIN}`)).toBeVisible();

  // Resend: the old link is replaced.
  const staff = new StaffPage(admin.page);
  await staff.goto("?status=invited");
  await staff.row(ben).getByRole("button", { name: "Resend to Okafor, Ben" }).click();
  await expect(staff.result()).toContainText("Sent 1 invitation.");
  const newLink = await latestLinkTo(admin.page, ben);
  expect(newLink).not.toBe(oldLink);

  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await new InvitationPage(page).open(oldLink);
  await expect(page.getByRole("heading", { name: "This invitation link was replaced" })).toBeVisible();

  // The new link expires.
  const expired = await admin.page.request.post("/dev/expire-invitations", { data: { email: ben } });
  expect(expired.status()).toBe(200);
  await new InvitationPage(page).open(newLink);
  await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await expect(page.getByText("Ask your district admin to resend it.")).toBeVisible();
  await expect(page.getByText("Ben")).toHaveCount(0); // no detail of whom it was for

  await staff.goto();
  await expect(staff.status(ben)).toHaveText("Invitation expired");

  // A made-up link.
  await page.goto(`/invite/${"A".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await visitor.close();
  await admin.context.close();
});

test("a deactivated teacher is signed out and cannot sign in; reactivated, they sign in with a magic link", async ({
  browser,
}) => {
  const admin = await signedInAdmin(browser);
  const teacherContext = await browser.newContext();
  const teacherPage = await teacherContext.newPage();
  await new SignInPage(teacherPage).signIn(ana);
  await expect(teacherPage).toHaveURL(/\/my-classes$/);

  const staff = new StaffPage(admin.page);
  await staff.goto();
  await staff.row(ana).getByRole("button", { name: "Deactivate Perez, Ana" }).click();
  await expect(staff.row(ana).getByTestId("confirm-message")).toContainText("signed out at once");
  await staff.row(ana).getByRole("button", { name: "Yes, deactivate" }).click();
  await expect(staff.result()).toContainText("Deactivated");
  await expect(staff.status(ana)).toHaveText("Deactivated");

  await teacherPage.reload();
  await expect(teacherPage).toHaveURL(/\/sign-in$/);
  const before = await outboxCount(admin.page, ana);
  await new SignInPage(teacherPage).requestLink(ana);
  expect(await outboxCount(admin.page, ana)).toBe(before); // no link for a deactivated teacher

  await staff.goto();
  await staff.row(ana).getByRole("button", { name: "Reactivate Perez, Ana" }).click();
  await expect(staff.status(ana)).toHaveText("Active");
  await new SignInPage(teacherPage).signIn(ana);
  await expect(teacherPage).toHaveURL(/\/my-classes$/);
  await teacherContext.close();
  await admin.context.close();
});

test("the Staff page filters by status and school, and invites everyone not yet invited", async ({ browser }) => {
  const admin = await signedInAdmin(browser);
  const staff = new StaffPage(admin.page);
  await staff.goto();
  // One "not invited" filter: Cara was never invited, Ben's invitation expired in an earlier test.
  await staff.filter({ status: "not_invited", school: school });
  await expect(admin.page).toHaveURL(/status=not_invited/);
  await expect(admin.page.getByTestId("staff-row")).toHaveCount(2);
  await expect(staff.status(cara)).toHaveText("Not invited");
  await expect(staff.status(ben)).toHaveText("Invitation expired");
  await admin.page.getByRole("button", { name: "Invite everyone not yet invited (2)" }).click();
  await expect(staff.result()).toContainText("Sent 2 invitations.");
  await expect(admin.page.getByTestId("staff-row")).toHaveCount(0);
  await staff.goto(`?school=${new URL(admin.page.url()).searchParams.get("school")}`);
  await expect(staff.status(ben)).toHaveText("Invited");
  await expect(staff.status(cara)).toHaveText("Invited");
  await admin.context.close();
});
