// The upload clients: admins uploading a file and applying it, over and over, as the browser
// does it (admin-client.ts), each cycle timed.

import { apply, settledStatus, upload, type reactEncodeReply } from "./admin-client";
import type { LoadOrganization } from "./database";
import type { LoadFile } from "./roster-files";
import type { Sample } from "./stats";

export type Cycle = {
  organizationId: string;
  ms: number;
  error: boolean;
  upload: Sample;
  apply: Sample | null;
  importId: string | null;
  uploadStatus: string | null;
};
export type Action = { id: string; encodeReply: ReturnType<typeof reactEncodeReply> };

/**
 * One upload, followed on its page until a worker made it a preview, then Apply when it is a
 * preview or held (an "unchanged" file has nothing to apply), followed until applied.
 */
export async function cycle(
  baseUrl: string,
  organization: LoadOrganization,
  file: LoadFile,
  action: Action,
  onImport: (importId: string) => void,
): Promise<Cycle> {
  const started = performance.now();
  const uploaded = await upload(baseUrl, organization.cookie, file.name, file.bytes);
  if (uploaded.ok && uploaded.importId && uploaded.status === "queued") {
    uploaded.status = await settledStatus(baseUrl, organization.cookie, uploaded.importId);
    uploaded.ms = performance.now() - started;
    uploaded.ok = uploaded.status !== null && uploaded.status !== "failed";
    if (!uploaded.ok) uploaded.message = `the import ended ${uploaded.status ?? "not in time"}`;
  }
  let applied: Awaited<ReturnType<typeof apply>> | null = null;
  if (uploaded.ok && uploaded.importId && (uploaded.status === "preview" || uploaded.status === "held")) {
    const applying = performance.now();
    applied = await apply(baseUrl, organization.cookie, action.id, action.encodeReply, uploaded.importId);
    if (applied.ok) {
      const status = await settledStatus(baseUrl, organization.cookie, uploaded.importId);
      applied.ms = performance.now() - applying;
      applied.ok = status === "applied" || status === "applied_with_errors" || status === "unchanged";
      if (!applied.ok) applied.message = `the applied import ended ${status ?? "not in time"}`;
    }
  }
  if (uploaded.importId) onImport(uploaded.importId);
  const error = !uploaded.ok || (applied !== null && !applied.ok);
  if (error) process.stderr.write(`  ${organization.slug}: ${file.name}: ${uploaded.message ?? applied?.message}\n`);
  return {
    organizationId: organization.id,
    ms: performance.now() - started,
    error,
    upload: { ms: uploaded.ms, error: !uploaded.ok },
    apply: applied && { ms: applied.ms, error: !applied.ok },
    importId: uploaded.importId,
    uploadStatus: uploaded.status,
  };
}

/** One admin uploading and applying the organization's files in turn, from `offset`, until `until`. */
export async function uploadClient(
  baseUrl: string,
  organization: LoadOrganization,
  files: LoadFile[],
  offset: number,
  until: number,
  action: Action,
  onImport: (importId: string) => void,
) {
  const cycles: Cycle[] = [];
  for (let i = offset; performance.now() < until; i += 1)
    cycles.push(await cycle(baseUrl, organization, files[i % files.length]!, action, onImport));
  return cycles;
}
