import type { ImportStatus } from "@/db/queries/import-records";
import type { NightlySourceWithOrganization } from "@/db/queries/nightly-sources";

/** One source's line in the cron route's answer (and in `rostersync cron`). */
export type NightlyLine = {
  organization: string;
  source: string;
  sourceId: string;
  kind: string;
  /** imported: a file was taken and its import recorded (see status); no_file: nothing new yet;
   *  not_due: this cycle already has its import; busy: another pass holds the source; error: see message;
   *  queued: a worker pulls it (jobId); already_queued: a job for it was waiting already. */
  outcome: "imported" | "no_file" | "not_due" | "busy" | "error" | "queued" | "already_queued";
  jobId?: string;
  importId?: string;
  status?: ImportStatus;
  file?: string;
  /** Older matching files removed with the one taken (drop folders). */
  superseded?: number;
  message?: string;
  /** The local date of a cycle whose import is missing, and whether this pass mailed the admins. */
  missing?: string;
  mailed?: number;
};

export function lineFor(
  source: NightlySourceWithOrganization,
  rest: Omit<NightlyLine, "organization" | "source" | "sourceId" | "kind">,
): NightlyLine {
  return {
    organization: source.organizationSlug,
    source: source.name,
    sourceId: source.id,
    kind: source.kind,
    ...rest,
  };
}

/** The pass as JSON, one source a line: `{"ok":…,"sources":[\n{…},\n{…}\n]}`. */
export function formatNightlyAnswer(lines: NightlyLine[]): string {
  const ok = lines.every((line) => line.outcome !== "error");
  const sources = lines.map((line) => JSON.stringify(line)).join(",\n");
  return `{"ok":${ok},"sources":[${sources ? `\n${sources}\n` : ""}]}\n`;
}
