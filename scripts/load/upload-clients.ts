// The upload clients: admins uploading a file and applying it, over and over, as the browser
// does it (admin-client.ts), each cycle timed.

import { apply, upload, type reactEncodeReply } from "./admin-client";
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

/** One upload, then Apply when it is a preview or held (an "unchanged" file has nothing to apply). */
export async function cycle(
  baseUrl: string,
  organization: LoadOrganization,
  file: LoadFile,
  action: Action,
  onImport: (importId: string) => void,
): Promise<Cycle> {
  const started = performance.now();
  const uploaded = await upload(baseUrl, organization.cookie, file.name, file.bytes);
  let applied: Awaited<ReturnType<typeof apply>> | null = null;
  if (uploaded.ok && uploaded.importId && (uploaded.status === "preview" || uploaded.status === "held")) {
    applied = await apply(baseUrl, organization.cookie, action.id, action.encodeReply, uploaded.importId);
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
