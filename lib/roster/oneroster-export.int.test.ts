import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { makeOrganization } from "@/tests/support/factories";
import { combinedCsv, importBytes, rosterOf } from "@/tests/support/roster-files";
import { oneRosterFiles as specFiles, sampleModel, zipFiles } from "@/tests/support/roster-sets";
import { oneRosterFiles, zipOneRoster } from "./oneroster-export";

// Export → import into a fresh organization → export: the same files, the same roster.

const active = async (organizationId: string) => {
  const roster = await rosterOf(organizationId);
  return Object.fromEntries(
    Object.entries(roster).map(([entity, records]) => [
      entity,
      (records as Array<{ active: boolean }>).filter((record) => record.active),
    ]),
  );
};
/** Every file's text; orgs.csv without its district row (it carries the organization's name). */
const texts = (files: Array<{ name: string; text: string }>) =>
  Object.fromEntries(
    files.map((file) => [
      file.name,
      file.name === "orgs.csv" ? file.text.split("\r\n").filter((line) => !line.startsWith("district,")) : file.text,
    ]),
  );

describe("OneRoster 1.1 export", () => {
  it("round trip: export, import into a fresh organization, export again gives identical files and roster", async () => {
    const db = await getDb();
    const a = await makeOrganization();
    await importBytes(a.organization.id, zipFiles(specFiles(sampleModel())), { kind: "oneroster" });
    // a second school from a combined file: a teacher without staff id, a class without period,
    // names that need quoting
    await importBytes(
      a.organization.id,
      combinedCsv([
        {
          school: "200",
          classId: "K-1",
          className: 'Math, "Honors"',
          studentId: "7001",
          teacherEmail: "no.id@district.test",
        },
        {
          school: "200",
          classId: "K-1",
          className: 'Math, "Honors"',
          studentId: "0001",
          teacherEmail: "no.id@district.test",
        },
      ]),
    );

    const first = await oneRosterFiles(db, a.organization);
    expect(first.map((file) => file.name)).toEqual([
      "manifest.csv",
      "orgs.csv",
      "academicSessions.csv",
      "courses.csv",
      "classes.csv",
      "users.csv",
      "enrollments.csv",
    ]);
    const b = await makeOrganization();
    const imported = await importBytes(b.organization.id, zipOneRoster(first), { fileName: "export.zip" });
    expect(imported).toMatchObject({ status: "applied", kind: "oneroster", issues: [] });

    const second = await oneRosterFiles(db, b.organization);
    expect(texts(second)).toEqual(texts(first));
    expect(await active(b.organization.id)).toEqual(await active(a.organization.id));
  });

  it("writes OneRoster 1.1 headers and a bulk manifest; teachers without staff id are keyed by email", async () => {
    const db = await getDb();
    const org = await makeOrganization();
    await importBytes(
      org.organization.id,
      combinedCsv([{ school: "1", classId: "A", studentId: "9", teacherEmail: "t@d.test" }]),
    );
    const files = Object.fromEntries((await oneRosterFiles(db, org.organization)).map((f) => [f.name, f.text]));
    expect(files["users.csv"]!.split("\r\n")[0]).toBe(
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
    );
    expect(files["manifest.csv"]).toContain("oneroster.version,1.1\r\n");
    expect(files["manifest.csv"]).toContain("file.users,bulk\r\n");
    expect(files["manifest.csv"]).toContain("file.demographics,absent\r\n");
    expect(files["users.csv"]).toContain("t@d.test,,,true,1,teacher,t@d.test,");
    expect(files["enrollments.csv"]).toContain("A/t@d.test,,,A,1,t@d.test,teacher,false,,\r\n");
    const zip = unzipSync(zipOneRoster(await oneRosterFiles(db, org.organization)));
    expect(Object.keys(zip)).toHaveLength(7);
  });
});
