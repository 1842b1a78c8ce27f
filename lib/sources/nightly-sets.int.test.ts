import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listImportIssues } from "@/db/queries/import-records";
import { listImports } from "@/db/queries/imports";
import type { SetFile } from "@/lib/import/sets/set-files";
import { makeOrganization } from "@/tests/support/factories";
import { dropFile, makeSource, nightlyContext, orgFolder, testClock } from "@/tests/support/nightly";
import { activeIds } from "@/tests/support/roster-files";
import {
  cleverFiles,
  oneRosterFiles,
  sampleModel,
  sdsV1Files,
  withoutFile,
  zipFiles,
  type SetModel,
} from "@/tests/support/roster-sets";
import { downloadUrl } from "./download-url";
import { runNightlySync } from "./run-nightly-sync";

// Multi-file sets (OneRoster, Clever, SDS) through the real nightly pass: the newest .zip of a
// drop folder, and a .zip downloaded from a URL (a local HTTPS server with the test certificate).

const FORMATS = [
  { kind: "oneroster", files: (model: SetModel) => oneRosterFiles(model), required: "users.csv" },
  { kind: "clever", files: (model: SetModel) => cleverFiles(model, { lineEnd: "\r" }), required: "enrollments.csv" },
  { kind: "sds", files: (model: SetModel) => sdsV1Files(model), required: "StudentEnrollment.csv" },
] as const;

/** The roster every format's sample set gives. */
const SAMPLE_ROSTER = {
  classes: ["C1", "C2", "C3"],
  students: ["0001", "0002", "0003", "0004"],
  staff: ["tom.hale@district.test", "uma.iyer@district.test", "vic.orr@district.test"],
  enrollments: ["C1/0001", "C1/0002", "C2/0001", "C2/0004"],
  assignments: [
    "C1/tom.hale@district.test",
    "C1/uma.iyer@district.test",
    "C2/tom.hale@district.test",
    "C3/vic.orr@district.test",
  ],
};

/** An older, different set: only the first class, taught by its first teacher. */
function olderModel(): SetModel {
  const model = sampleModel();
  model.classes = model.classes.slice(0, 1).map((c) => ({ ...c, teachers: c.teachers.slice(0, 1) }));
  model.enrollments = model.enrollments.filter(([c]) => c === "C1");
  return model;
}

const linesOf = (lines: Awaited<ReturnType<typeof runNightlySync>>, slug: string) =>
  lines.filter((line) => line.organization === slug);

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures");
const cert = readFileSync(path.join(fixtures, "localhost-cert.pem"));
const key = readFileSync(path.join(fixtures, "localhost-key.pem"));
const served = new Map<string, Uint8Array>();
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer({ cert, key }, (req, res) => {
    const bytes = served.get(req.url ?? "");
    if (!bytes) {
      res.writeHead(404);
      return res.end();
    }
    res.setHeader("content-type", "application/zip");
    res.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `https://localhost:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The nightly context for the local server: trusts its certificate and its private address. */
const localContext = (now: () => Date) =>
  nightlyContext(now, {
    allowPrivateNetwork: true,
    download: (url, options) => downloadUrl(url, { ...options, ca: cert }),
  });

describe.each(FORMATS)("nightly pass: $kind set", ({ kind, files, required }) => {
  it("a drop folder takes the newest .zip set, applies it, removes the taken files; the same set the next day is unchanged", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z"); // 07:00 CST, past the 06:00 expected time
    const folder = orgFolder(organization.slug);
    await makeSource(organization, { kind, filePattern: "*.zip" });
    const set = zipFiles(files(sampleModel()));
    dropFile(folder, "roster-old.zip", zipFiles(files(olderModel())), clock.now(), 60 * 24);
    dropFile(folder, "roster-new.zip", set, clock.now());
    dropFile(folder, "notes.txt", "not a roster", clock.now());

    const pass = async () =>
      linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug)[0];
    expect(await pass()).toMatchObject({
      outcome: "imported",
      status: "applied",
      kind,
      file: "roster-new.zip",
      superseded: 1,
    });
    expect(readdirSync(folder)).toEqual(["notes.txt"]);
    expect(await activeIds(organization.id)).toEqual(SAMPLE_ROSTER);
    const [record] = await listImports(await getDb(), organization.id);
    expect(record).toMatchObject({ source: "nightly", fileName: "roster-new.zip", status: "applied" });
    expect(await listImportIssues(await getDb(), organization.id, record!.id)).toEqual([]);

    clock.set("2027-03-04T13:00:00Z");
    dropFile(folder, "roster-next.zip", set, clock.now());
    expect(await pass()).toMatchObject({ outcome: "imported", status: "unchanged", file: "roster-next.zip" });
    expect(readdirSync(folder)).toEqual(["notes.txt"]);
    expect(await activeIds(organization.id)).toEqual(SAMPLE_ROSTER);
  });

  it("a URL source downloads the .zip set and applies it", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    served.set(`/${organization.slug}/roster.zip`, zipFiles(files(sampleModel()), "export"));
    await makeSource(organization, { kind, type: "url", url: `${base}/${organization.slug}/roster.zip` });

    const [line] = linesOf(await runNightlySync(await getDb(), localContext(clock.now)), organization.slug);
    expect(line).toMatchObject({ outcome: "imported", status: "applied", kind, file: "roster.zip" });
    expect(await activeIds(organization.id)).toEqual(SAMPLE_ROSTER);
  });

  it(`a set without ${required} fails naming the file, and nothing is applied`, async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const folder = orgFolder(organization.slug);
    await makeSource(organization, { kind, filePattern: "*.zip" });
    const broken: SetFile[] = withoutFile(files(sampleModel()), required);
    expect(broken.length).toBeLessThan(files(sampleModel()).length);
    dropFile(folder, "roster.zip", zipFiles(broken), clock.now());

    const [line] = linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug);
    expect(line).toMatchObject({ outcome: "imported", status: "failed", file: "roster.zip" });
    const issues = await listImportIssues(await getDb(), organization.id, line!.importId!);
    expect(issues).toEqual([expect.objectContaining({ file: required, code: "missing_file", severity: "error" })]);
    expect(issues[0]!.message).toContain(`has no ${required}`);
    expect(await activeIds(organization.id)).toEqual({
      classes: [],
      students: [],
      staff: [],
      enrollments: [],
      assignments: [],
    });
  });
});

/** Writes a set's files into a subfolder of the drop folder, each modified `minutesBefore` minutes before `at`. */
function dropSetFolder(folder: string, name: string, files: SetFile[], at: Date, minutesBefore = 5) {
  const setFolder = path.join(folder, name);
  mkdirSync(setFolder, { recursive: true });
  for (const file of files) dropFile(setFolder, file.name, file.bytes, at, minutesBefore);
  return setFolder;
}

describe("nightly pass: a set delivered as a folder", () => {
  it("takes a settled folder matching the pattern over an older .zip, applies it and removes both", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const folder = orgFolder(organization.slug);
    await makeSource(organization, { kind: "oneroster", filePattern: "oneroster_*" });
    dropFile(folder, "oneroster_20270302.zip", zipFiles(oneRosterFiles(olderModel())), clock.now(), 60 * 24);
    dropSetFolder(folder, "oneroster_20270303", oneRosterFiles(sampleModel()), clock.now());
    dropFile(folder, "notes.txt", "not a roster", clock.now());

    const [line] = linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug);
    expect(line).toMatchObject({ outcome: "imported", status: "applied", file: "oneroster_20270303", superseded: 1 });
    expect(readdirSync(folder)).toEqual(["notes.txt"]);
    expect(await activeIds(organization.id)).toEqual(SAMPLE_ROSTER);
  });

  it("a newer .zip wins over an older folder, and the older folder is removed with it", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const folder = orgFolder(organization.slug);
    await makeSource(organization, { kind: "oneroster", filePattern: "oneroster_*" });
    dropSetFolder(folder, "oneroster_20270302", oneRosterFiles(olderModel()), clock.now(), 60 * 24);
    dropFile(folder, "oneroster_20270303.zip", zipFiles(oneRosterFiles(sampleModel())), clock.now());

    const [line] = linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug);
    expect(line).toMatchObject({ outcome: "imported", status: "applied", file: "oneroster_20270303.zip" });
    expect(readdirSync(folder)).toEqual([]);
    expect(await activeIds(organization.id)).toEqual(SAMPLE_ROSTER);
  });

  it.each([
    [
      "a file written seconds ago",
      (setFolder: string, at: Date) =>
        dropFile(setFolder, "users.csv", readFileSync(path.join(setFolder, "users.csv")), at, 0.2),
    ],
    [
      "a file with an in-progress name",
      (setFolder: string, at: Date) => dropFile(setFolder, "users.csv.part", "partial", at),
    ],
  ])("a folder with %s is not taken yet; a later pass takes it", async (_label, writing) => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const folder = orgFolder(organization.slug);
    await makeSource(organization, { kind: "oneroster", filePattern: "oneroster_*" });
    const setFolder = dropSetFolder(folder, "oneroster_20270303", oneRosterFiles(sampleModel()), clock.now());
    writing(setFolder, clock.now());

    const pass = async () =>
      linesOf(
        await runNightlySync(await getDb(), nightlyContext(clock.now, { settleMs: 60_000 })),
        organization.slug,
      )[0];
    const first = await pass();
    expect(first).toMatchObject({ outcome: "no_file" });
    expect(first!.message).toContain("1 still being written");
    expect(await activeIds(organization.id)).toMatchObject({ students: [] });

    clock.set("2027-03-03T13:05:00Z");
    rmSync(path.join(setFolder, "users.csv.part"), { force: true }); // the upload finished
    expect(await pass()).toMatchObject({ outcome: "imported", status: "applied", file: "oneroster_20270303" });
    expect(readdirSync(folder)).toEqual([]);
    expect(await activeIds(organization.id)).toEqual(SAMPLE_ROSTER);
  });

  it("ignores a link inside the folder without following it (the set then lacks that file)", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const folder = orgFolder(organization.slug);
    await makeSource(organization, { kind: "oneroster", filePattern: "oneroster_*" });
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), "rostersync-outside-"));
    const files = oneRosterFiles(sampleModel());
    const users = files.find((file) => file.name === "users.csv")!;
    writeFileSync(path.join(elsewhere, "users.csv"), users.bytes);
    const setFolder = dropSetFolder(folder, "oneroster_20270303", withoutFile(files, "users.csv"), clock.now());
    symlinkSync(path.join(elsewhere, "users.csv"), path.join(setFolder, "users.csv"));

    const [line] = linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug);
    expect(line).toMatchObject({ outcome: "imported", status: "failed", file: "oneroster_20270303" });
    const issues = await listImportIssues(await getDb(), organization.id, line!.importId!);
    expect(issues).toEqual([expect.objectContaining({ file: "users.csv", code: "missing_file" })]);
    expect(readFileSync(path.join(elsewhere, "users.csv"))).toEqual(Buffer.from(users.bytes)); // the target is untouched
    expect(await activeIds(organization.id)).toMatchObject({ students: [] });
  });

  it("a single-file source ignores a folder matching its pattern", async () => {
    const { organization } = await makeOrganization();
    const clock = testClock("2027-03-03T13:00:00Z");
    const folder = orgFolder(organization.slug);
    await makeSource(organization, { kind: "combined", filePattern: "roster*" });
    dropSetFolder(folder, "roster_20270303", oneRosterFiles(sampleModel()), clock.now());

    const [line] = linesOf(await runNightlySync(await getDb(), nightlyContext(clock.now)), organization.slug);
    expect(line).toMatchObject({ outcome: "no_file" });
    expect(line!.message).not.toContain("still being written");
    expect(readdirSync(folder)).toEqual(["roster_20270303"]);
  });
});
