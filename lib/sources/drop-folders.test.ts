import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listDropFiles, matchesPattern, settledFolder } from "./list-drop-files";
import { packFolder } from "./pack-folder";
import { unzipSync } from "fflate";
import { removeDropFiles } from "./remove-drop-files";
import { normalizeSubfolder, resolveDropFolder } from "./resolve-drop-folder";

const root = () => mkdtempSync(path.join(os.tmpdir(), "rostersync-drop-"));

/** One clock for every file of the run, so "the same time" is the same to the millisecond. */
const NOW = Date.now();

function write(folder: string, name: string, minutesAgo: number) {
  const file = path.join(folder, name);
  writeFileSync(file, name);
  const when = new Date(NOW - minutesAgo * 60_000);
  utimesSync(file, when, when);
}

describe("drop folders", () => {
  it("confines a source to its organization's folder: no absolute paths, no .., no links out", async () => {
    const dropRoot = root();
    mkdirSync(path.join(dropRoot, "demo", "sis"), { recursive: true });
    mkdirSync(path.join(dropRoot, "other"), { recursive: true });
    symlinkSync(path.join(dropRoot, "other"), path.join(dropRoot, "demo", "escape"));
    expect(await resolveDropFolder(dropRoot, "demo", "sis")).toBe(path.join(dropRoot, "demo", "sis"));
    expect(await resolveDropFolder(dropRoot, "demo", "/sis/")).toBe(path.join(dropRoot, "demo", "sis"));
    expect(await resolveDropFolder(dropRoot, "demo", "")).toBe(path.join(dropRoot, "demo"));
    await expect(resolveDropFolder(dropRoot, "demo", "../other")).rejects.toThrow(/no \.\./);
    await expect(resolveDropFolder(dropRoot, "demo", "sis/../../other")).rejects.toThrow(/no \.\./);
    await expect(resolveDropFolder(dropRoot, "demo", "escape")).rejects.toThrow(/outside your organization's folder/);
    await expect(resolveDropFolder(dropRoot, "demo", "nope")).rejects.toThrow(/does not exist/);
    await expect(resolveDropFolder(undefined, "demo", "sis")).rejects.toThrow(
      "Your RosterSync operator has not enabled drop folders.",
    );
    expect(() => normalizeSubfolder("a\\b")).toThrow();
    expect(() => normalizeSubfolder(".hidden")).toThrow();
  });

  it("lists matching files newest first, leaving hidden, partial and just-written files", async () => {
    const folder = root();
    write(folder, "roster_2026-03-01.csv", 60 * 24);
    write(folder, "roster_2026-03-02.csv", 30);
    write(folder, "ROSTER_b.CSV", 30); // same time: the later name first
    write(folder, "roster_upload.csv.part", 30);
    write(folder, ".roster_hidden.csv", 30);
    write(folder, "staff.csv", 5);
    write(folder, "roster_writing.csv", 0);
    mkdirSync(path.join(folder, "roster_dir.csv"));
    const { ready, settling } = await listDropFiles(folder, "roster_*.csv", new Date(), 60_000);
    expect(ready.map((file) => file.name)).toEqual(["roster_2026-03-02.csv", "ROSTER_b.CSV", "roster_2026-03-01.csv"]);
    expect(settling).toBe(1);
  });

  it("matches * and ? over the whole name, ignoring case; an empty pattern takes any file", () => {
    expect(matchesPattern("Roster.CSV", "*.csv")).toBe(true);
    expect(matchesPattern("roster.csv.bak", "*.csv")).toBe(false);
    expect(matchesPattern("r1.csv", "r?.csv")).toBe(true);
    expect(matchesPattern("r(1).csv", "r(1).csv")).toBe(true);
    expect(matchesPattern("anything", "")).toBe(true);
  });

  it("removes the files taken, but not one rewritten since it was listed", async () => {
    const folder = root();
    write(folder, "a.csv", 10);
    write(folder, "b.csv", 20);
    const { ready } = await listDropFiles(folder, "*.csv", new Date(), 60_000);
    write(folder, "a.csv", 1); // the SIS wrote a new a.csv meanwhile
    await removeDropFiles([
      ...ready,
      { path: `${folder}/gone.csv`, name: "gone.csv", size: 1, modifiedAt: new Date() },
    ]);
    expect(readdirSync(folder)).toEqual(["a.csv"]);
    expect(existsSync(`${folder}/b.csv`)).toBe(false);
  });

  it("a folder set is settled although the desktop left .DS_Store, Thumbs.db or ._ files in it, and they are not packed", async () => {
    const folder = path.join(root(), "set");
    mkdirSync(folder);
    write(folder, "users.csv", 30);
    write(folder, "classes.csv", 30);
    write(folder, ".DS_Store", 30);
    write(folder, "._users.csv", 30);
    write(folder, "Thumbs.db", 30);
    write(folder, "desktop.ini", 30);
    const when = new Date(NOW - 30 * 60_000);
    utimesSync(folder, when, when);
    const settled = await settledFolder(folder, new Date(NOW), 60_000);
    expect(settled).toMatchObject({ name: "set", folder: true, size: "users.csv".length + "classes.csv".length });
    expect(Object.keys(unzipSync(await packFolder(folder))).sort()).toEqual(["classes.csv", "users.csv"]);
  });

  it("a folder set with an upload still in progress waits", async () => {
    const folder = path.join(root(), "set");
    mkdirSync(folder);
    write(folder, "users.csv", 30);
    write(folder, "classes.csv.part", 30);
    const when = new Date(NOW - 30 * 60_000);
    utimesSync(folder, when, when);
    expect(await settledFolder(folder, new Date(NOW), 60_000)).toBe("settling");
  });
});
