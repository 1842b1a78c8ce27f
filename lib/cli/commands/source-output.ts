import type { NightlySource } from "@/db/queries/nightly-sources";

// How source:add and source:list show a nightly source: never its credential, only its header name.

/** Where the source looks: "sis/roster_*.csv" or the URL. */
export function describeSource(source: NightlySource): string {
  if (source.type === "url") return source.url ?? "";
  return `${source.folderPath ? `${source.folderPath}/` : ""}${source.filePattern ?? "*"}`;
}

export function sourceJson(organization: string, source: NightlySource) {
  return {
    id: source.id,
    organization,
    name: source.name,
    kind: source.kind,
    type: source.type,
    ...(source.type === "folder"
      ? { folder: source.folderPath, pattern: source.filePattern }
      : { url: source.url, credentialHeader: source.credentialHeaderName }),
    expectedAt: source.expectedTime,
    timeZone: source.timeZone,
    graceMinutes: source.graceMinutes,
    enabled: source.enabled,
    lastCheckedAt: source.lastCheckedAt?.toISOString() ?? null,
    lastOutcome: source.lastOutcome,
  };
}
