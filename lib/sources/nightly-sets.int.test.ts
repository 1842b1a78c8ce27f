import { readdirSync, readFileSync } from "node:fs";
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
