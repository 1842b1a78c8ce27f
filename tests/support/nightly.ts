import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { getDb } from "@/db/client";
import { createNightlySource } from "@/lib/sources/create-nightly-source";
import { nightlyContextFromEnv, type NightlyContext } from "@/lib/sources/nightly-context";
import type { NightlySourceInput } from "@/lib/sources/nightly-source-schema";

// A drop root in a temp dir, a settable clock and nightly sources, for the nightly sync tests.

/** The drop root: NIGHTLY_DROP_ROOT when a test file set it before loading the app (a worker reads it), else a temp dir. */
export const dropRoot = process.env.NIGHTLY_DROP_ROOT ?? mkdtempSync(path.join(os.tmpdir(), "rostersync-drop-"));
export const testCredentialKey = randomBytes(32);

/** A clock the test moves by hand. */
export function testClock(start: string) {
  let current = new Date(start);
  return {
    now: () => current,
    set: (iso: string) => {
      current = new Date(iso);
    },
  };
}

export function nightlyContext(now: () => Date, overrides: Partial<NightlyContext> = {}): NightlyContext {
  return nightlyContextFromEnv({
    now,
    dropRoot,
    credentialKey: () => testCredentialKey,
    ...overrides,
  });
}

/** The organization's folder (and a subfolder), created. */
export function orgFolder(slug: string, subfolder = "") {
  const folder = path.join(dropRoot, slug, subfolder);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Writes a file into a folder, last modified `minutesBefore` minutes before `at`. */
export function dropFile(folder: string, name: string, bytes: Uint8Array | string, at: Date, minutesBefore = 5) {
  const file = path.join(folder, name);
  writeFileSync(file, bytes);
  const when = new Date(at.getTime() - minutesBefore * 60_000);
  utimesSync(file, when, when);
  return file;
}

/** A nightly source (its drop folder is created first). */
export async function makeSource(organization: { id: string; slug: string }, input: Partial<NightlySourceInput> = {}) {
  if ((input.type ?? "folder") === "folder") orgFolder(organization.slug, input.folderPath ?? "");
  return createNightlySource(
    await getDb(),
    organization,
    {
      name: "SIS nightly",
      kind: "combined",
      type: "folder",
      folderPath: "",
      filePattern: "*.csv",
      expectedTime: "06:00",
      timeZone: "America/Chicago",
      graceMinutes: 120,
      ...input,
    },
    { userId: null, dropRoot, credentialKey: () => testCredentialKey },
  );
}
