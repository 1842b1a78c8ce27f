import { existsSync, readdirSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listImports } from "@/db/queries/imports";
import { claimNightlySource, getNightlySource } from "@/db/queries/nightly-sources";
import { listOutbox } from "@/lib/mail/outbox";
import { makeOrganization } from "@/tests/support/factories";
import { dropFile, makeSource, nightlyContext, orgFolder, testClock, testCredentialKey } from "@/tests/support/nightly";
import { activeIds, combinedCsv, grid, importBytes } from "@/tests/support/roster-files";
import { decryptCredential } from "./credential-cipher";
import { findMissingImports } from "./find-missing-imports";
import { pullNightlySource } from "./pull-nightly-source";
import { runNightlySync } from "./run-nightly-sync";

// The nightly pass on a real database with an injected clock: 06:00 America/Chicago is 12:00 UTC
// in winter. Each test makes its own organizations; a pass walks every organization's sources, so
// assertions look at the test's own lines.

const linesOf = (lines: Awaited<ReturnType<typeof runNightlySync>>, slug: string) =>
  lines.filter((line) => line.organization === slug);
const roster = combinedCsv(grid("101", 2, 3));

describe("nightly pass: drop folder", () => {
  it("imports the newest file of a due source as Nightly, removes it and older ones, and is not due again until the next day", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z"); // 07:00 CST
    const folder = orgFolder(organization.slug);
    const source = await makeSource(organization);
    dropFile(folder, "roster-old.csv", combinedCsv(grid("101", 1, 1)), clock.now(), 60 * 24);
    dropFile(folder, "roster-new.csv", roster, clock.now());
    dropFile(folder, "notes.txt", "not a roster", clock.now());

    const [line] = linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug);
    expect(line).toMatchObject({
      outcome: "imported",
      status: "applied",
      file: "roster-new.csv",
      superseded: 1,
      source: "SIS nightly",
      kind: "combined",
    });
    expect(readdirSync(folder)).toEqual(["notes.txt"]); // the taken file and the older one are gone
    const [record] = await listImports(await getDb(), organization.id);
    expect(record).toMatchObject({
      id: line?.importId,
      source: "nightly",
      actor: "SIS nightly",
      fileName: "roster-new.csv",
      status: "applied",
    });
    expect((await activeIds(organization.id)).classes).toEqual(["101-C1", "101-C2"]);

    // Later the same day: a new file waits for the next cycle.
    dropFile(folder, "roster-later.csv", combinedCsv(grid("101", 1, 3)), clock.now(), 1);
    clock.set("2027-03-03T23:00:00Z");
    expect(linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug)[0]).toMatchObject(
      { outcome: "not_due" },
    );
    expect(existsSync(`${folder}/roster-later.csv`)).toBe(true);

    clock.set("2027-03-04T12:00:00Z"); // 06:00 CST the next day
    expect(linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug)[0]).toMatchObject(
      { outcome: "imported", file: "roster-later.csv" },
    );
    expect((await getNightlySource(await getDb(), organization.id, source.id))?.lastImportAt).toEqual(clock.now());
  });

  it("records byte-identical content as unchanged, and says when there is no file yet", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const folder = orgFolder(organization.slug, "sis");
    await makeSource(organization, { folderPath: "sis" });
    const pass = async () =>
      linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug)[0];

    expect(await pass()).toMatchObject({
      outcome: "no_file",
      message: expect.stringContaining("No file matching *.csv"),
    });
    dropFile(folder, "a.csv", roster, clock.now(), 0); // still being written
    expect(await pass()).toMatchObject({
      outcome: "no_file",
      message: expect.stringContaining("1 still being written"),
    });
    clock.set("2027-03-03T13:05:00Z");
    expect(await pass()).toMatchObject({ outcome: "imported", status: "applied" });

    clock.set("2027-03-04T13:00:00Z");
    dropFile(folder, "b.csv", roster, clock.now());
    expect(await pass()).toMatchObject({ outcome: "imported", status: "unchanged", file: "b.csv" });
    expect(readdirSync(folder)).toEqual([]);
  });

  it("two overlapping passes import a file once", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const folder = orgFolder(organization.slug);
    await makeSource(organization);
    dropFile(folder, "roster.csv", roster, clock.now());

    const db = await getDb();
    const [first, second] = await Promise.all([
      runNightlySync(db, nightlyContext(clock.now)),
      runNightlySync(db, nightlyContext(clock.now)),
    ]);
    const outcomes = [...linesOf(first, organization.slug), ...linesOf(second, organization.slug)]
      .map((line) => line.outcome)
      .sort();
    expect(outcomes).toHaveLength(2);
    expect(outcomes.filter((outcome) => outcome === "imported")).toHaveLength(1);
    expect(["busy", "not_due"]).toContain(outcomes.find((outcome) => outcome !== "imported"));
    expect(await listImports(db, organization.id)).toHaveLength(1);
  });

  it("a source that holds its lease is skipped as busy; the lease runs out", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const folder = orgFolder(organization.slug);
    const created = await makeSource(organization);
    dropFile(folder, "roster.csv", roster, clock.now());
    const db = await getDb();
    const source = (await getNightlySource(db, organization.id, created.id))!;
    // A pass that died mid-pull left its lease.
    await claimNightlySource(db, organization.id, source.id, {
      token: crypto.randomUUID(),
      now: clock.now(),
      until: new Date(clock.now().getTime() + 60_000),
      cycleStart: null,
    });
    expect(await pullNightlySource(db, source, nightlyContext(clock.now))).toMatchObject({ outcome: "busy" });
    clock.set("2027-03-03T13:02:00Z");
    expect(await pullNightlySource(db, source, nightlyContext(clock.now))).toMatchObject({ outcome: "imported" });
  });

  it("one failing organization among three never stops the others", async () => {
    const orgs = [await makeOrganization(), await makeOrganization(), await makeOrganization()].map(
      (made) => made.organization,
    );
    const clock = testClock("2027-03-03T13:00:00Z");
    const sources = [];
    for (const organization of orgs) {
      dropFile(orgFolder(organization.slug), "roster.csv", roster, clock.now());
      sources.push(await makeSource(organization));
    }
    rmSync(orgFolder(orgs[1]!.slug), { recursive: true }); // the middle organization's folder is gone

    const lines = await runNightlySync(await getDb(), nightlyContext(clock.now));
    const bySlug = (slug: string) => linesOf(lines, slug)[0];
    expect(bySlug(orgs[0]!.slug)).toMatchObject({ outcome: "imported", status: "applied" });
    expect(bySlug(orgs[1]!.slug)).toMatchObject({
      outcome: "error",
      message: expect.stringContaining("does not exist"),
    });
    expect(bySlug(orgs[2]!.slug)).toMatchObject({ outcome: "imported", status: "applied" });
    expect(await getNightlySource(await getDb(), orgs[1]!.id, sources[1]!.id)).toMatchObject({
      lastOutcome: "error",
      lastImportAt: null,
    });
  });

  it("a held nightly import applies nothing and mails the admins a link to review it", async () => {
    const { organization, admin } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const folder = orgFolder(organization.slug);
    await makeSource(organization);
    dropFile(folder, "day1.csv", combinedCsv(grid("101", 10, 2)), clock.now());
    await runNightlySync(await getDb(), nightlyContext(clock.now));

    clock.set("2027-03-04T13:00:00Z");
    dropFile(folder, "day2.csv", combinedCsv(grid("101", 2, 2)), clock.now()); // 8 of 10 classes gone
    const [line] = linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug);
    expect(line).toMatchObject({ outcome: "imported", status: "held" });
    expect((await activeIds(organization.id)).classes).toHaveLength(10);
    const [mail] = await listOutbox({ to: admin.email });
    expect(mail).toMatchObject({ category: "import-held" });
    expect(mail?.links.some((link) => link.endsWith(`/admin/imports/${line?.importId}`))).toBe(true);
    expect(readdirSync(folder)).toEqual([]); // the parsed rows wait in the database, not the file
  });
});

describe("nightly pass: URL source", () => {
  it("downloads with the decrypted credential header, and the same content the next day is unchanged", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const source = await makeSource(organization, {
      type: "url",
      url: "https://sis.example.org/export/roster.csv",
      credentialHeaderName: "X-API-Key",
      credentialHeaderValue: "k-secret-123",
    });
    expect(source.credentialHeaderValueEncrypted).not.toContain("k-secret-123");
    expect(decryptCredential(source.credentialHeaderValueEncrypted!, testCredentialKey, organization.id)).toBe(
      "k-secret-123",
    );
    const calls: Array<{ url: string; headers?: Record<string, string> }> = [];
    const download = async (url: string, options: { headers?: Record<string, string> }) => {
      calls.push({ url, headers: options.headers });
      return { bytes: roster, fileName: "roster.csv" };
    };
    const context = nightlyContext(clock.now, { download });
    expect(linesOf(await runNightlySync(await getDb(), context), organization.slug)[0]).toMatchObject({
      outcome: "imported",
      status: "applied",
    });
    expect(calls).toEqual([
      { url: "https://sis.example.org/export/roster.csv", headers: { "X-API-Key": "k-secret-123" } },
    ]);
    clock.set("2027-03-04T13:00:00Z");
    expect(linesOf(await runNightlySync(await getDb(), context), organization.slug)[0]).toMatchObject({
      outcome: "imported",
      status: "unchanged",
    });
  });

  it("a failed download is an error line and the source stays due", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    await makeSource(organization, { type: "url", url: "https://sis.example.org/roster.csv" });
    const download = async () => {
      throw new Error("socket hang up");
    };
    const lines = linesOf(
      await runNightlySync(await getDb(), nightlyContext(clock.now, { download })),
      organization.slug,
    );
    // An error the downloader did not put in words is logged; the admin reads a plain line with its reference.
    expect(lines[0]).toMatchObject({
      outcome: "error",
      message: expect.stringMatching(
        /^Something went wrong on the server while pulling this source; .*\(reference \w{8}\)\.$/,
      ),
    });
    expect(await listImports(await getDb(), organization.id)).toHaveLength(0);
  });
});

describe("missed nightly imports", () => {
  it("across time zones: mails the admins once per missed day, and Import Details lists the source until a file arrives", async () => {
    const tokyo = await makeOrganization();
    const chicago = await makeOrganization();
    await makeSource(tokyo.organization, {
      name: "Tokyo SIS",
      expectedTime: "07:00",
      timeZone: "Asia/Tokyo",
      graceMinutes: 60,
    });
    await makeSource(chicago.organization, {
      name: "Chicago SIS",
      expectedTime: "07:00",
      timeZone: "America/Chicago",
      graceMinutes: 60,
    });
    const db = await getDb();
    // 08:30 in Tokyo on March 3 (deadline 08:00 passed); 17:30 on March 2 in Chicago.
    const clock = testClock("2027-03-02T23:30:00Z");
    const pass = async () => runNightlySync(db, nightlyContext(clock.now));

    let lines = await pass();
    expect(linesOf(lines, tokyo.organization.slug)[0]).toMatchObject({
      outcome: "no_file",
      missing: "2027-03-03",
      mailed: 1,
    });
    expect(linesOf(lines, chicago.organization.slug)[0]).toMatchObject({ outcome: "no_file", missing: "2027-03-02" }); // created before, never imported
    const tokyoMail = await listOutbox({ to: tokyo.admin.email });
    expect(tokyoMail).toHaveLength(1);
    expect(tokyoMail[0]).toMatchObject({
      category: "nightly-missing",
      idempotencyKey: expect.stringContaining("/2027-03-03/"),
    });
    expect(tokyoMail[0]?.text).toContain("Check that the daily export of your SIS ran");

    // The next pass the same day mails no one again.
    clock.set("2027-03-03T02:00:00Z");
    lines = await pass();
    expect(linesOf(lines, tokyo.organization.slug)[0]).toMatchObject({ missing: "2027-03-03", mailed: 0 });
    expect(await listOutbox({ to: tokyo.admin.email })).toHaveLength(1);
    expect((await findMissingImports(db, tokyo.organization.id, clock.now())).map((m) => [m.name, m.date])).toEqual([
      ["Tokyo SIS", "2027-03-03"],
    ]);

    // A file arrives in Tokyo: not missing any more, nor mailed.
    dropFile(orgFolder(tokyo.organization.slug), "roster.csv", roster, clock.now());
    lines = await pass();
    expect(linesOf(lines, tokyo.organization.slug)[0]).toMatchObject({ outcome: "imported" });
    expect(linesOf(lines, tokyo.organization.slug)[0]?.missing).toBeUndefined();
    expect(await findMissingImports(db, tokyo.organization.id, clock.now())).toEqual([]);

    // The next Tokyo day passes its deadline without a file: one more mail.
    clock.set("2027-03-03T23:30:00Z");
    lines = await pass();
    expect(linesOf(lines, tokyo.organization.slug)[0]).toMatchObject({ missing: "2027-03-04", mailed: 1 });
    expect(await listOutbox({ to: tokyo.admin.email })).toHaveLength(2);
  });

  it("a source created today is not missing before its first deadline", async () => {
    const { organization } = await makeOrganization();
    await makeSource(organization, { expectedTime: "23:59", timeZone: "UTC", graceMinutes: 0 });
    const db = await getDb();
    expect(await findMissingImports(db, organization.id)).toEqual([]);
  });
});

describe("nightly pass: housekeeping", () => {
  it("discards previews not decided within a day, even when no import runs (their parsed rows are deleted)", async () => {
    const { organization } = await makeOrganization();
    const preview = await importBytes(organization.id, roster, { mode: "preview", source: "upload" });
    expect(preview.status).toBe("preview");
    const at = (hours: number) => nightlyContext(() => new Date(Date.now() + hours * 3_600_000));
    await runNightlySync(await getDb(), at(23));
    expect((await listImports(await getDb(), organization.id))[0]?.status).toBe("preview");
    await runNightlySync(await getDb(), at(25));
    expect((await listImports(await getDb(), organization.id))[0]?.status).toBe("discarded");
  });
});
