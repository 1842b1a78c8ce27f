import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import {
  claimNightlySource,
  getNightlySource,
  recordNightlyCheck,
  releaseNightlySource,
  type NightlySourceWithOrganization,
} from "@/db/queries/nightly-sources";
import { UserFacingError } from "@/lib/errors";
import { runImport } from "@/lib/import/run-import";
import { isSetKind } from "@/lib/import/types";
import { decryptCredential } from "./credential-cipher";
import { listDropFiles, type DropFile } from "./list-drop-files";
import { packFolder } from "./pack-folder";
import { readDropFile } from "./read-drop-file";
import { removeDropFiles } from "./remove-drop-files";
import { dropFolderName, normalizeSubfolder, resolveDropFolder } from "./resolve-drop-folder";
import type { NightlyContext } from "./nightly-context";
import { lineFor, type NightlyLine } from "./nightly-line";
import { cycleAt } from "./nightly-schedule";
import { errorReference, log } from "@/lib/log";

// One pull of one nightly source: take the source's lease, fetch the newest file (drop folder) or
// the file at the URL, import it with nightly semantics (applies unless held; byte-identical
// content is recorded "unchanged" without being read), remove the drop-folder file once the
// import is recorded, and give the lease back.

type Fetched = { fileName: string; bytes: Uint8Array; remove: DropFile[] } | { none: string };

export async function pullNightlySource(
  db: Database,
  source: NightlySourceWithOrganization,
  context: NightlyContext,
  options: { force?: boolean; actorUserId?: string | null } = {},
): Promise<NightlyLine> {
  const now = context.now();
  const token = randomUUID();
  const claimed = await claimNightlySource(db, source.organizationId, source.id, {
    token,
    now,
    until: new Date(now.getTime() + context.leaseMs),
    cycleStart: options.force ? null : cycleAt(source, now).start,
  });
  if (!claimed) {
    const fresh = await getNightlySource(db, source.organizationId, source.id);
    const busy = fresh?.leaseUntil && fresh.leaseUntil.getTime() >= now.getTime();
    return lineFor(
      source,
      busy ? { outcome: "busy", message: "Another pass is pulling this source." } : { outcome: "not_due" },
    );
  }
  try {
    const fetched = await fetchFile(source, context, now);
    if ("none" in fetched) {
      await recordNightlyCheck(db, source.organizationId, source.id, {
        lastCheckedAt: now,
        lastOutcome: "no_file",
        lastMessage: fetched.none,
      });
      return lineFor(source, { outcome: "no_file", message: fetched.none });
    }
    const result = await runImport(db, {
      organizationId: source.organizationId,
      kind: source.kind,
      source: "nightly",
      fileName: fetched.fileName,
      bytes: fetched.bytes,
      actor: { userId: options.actorUserId ?? null, label: source.name },
      mode: "apply",
      thresholdPercent: source.thresholdPercent,
      usernameEmailDomain: source.usernameEmailDomain,
    });
    // A failure of ours (not of the file) keeps the file and leaves the source due: the next pass retries.
    const ours = result.status === "failed" && result.issues.some((issue) => issue.code === "internal_error");
    await recordNightlyCheck(db, source.organizationId, source.id, {
      lastCheckedAt: now,
      lastOutcome: "imported",
      lastMessage: `${fetched.fileName}: ${result.status.replaceAll("_", " ")}`,
      lastImportId: result.id,
      ...(ours ? {} : { lastImportAt: now }),
    });
    if (!ours) await removeDropFiles(fetched.remove); // the import is recorded: the file is not kept
    return lineFor(source, {
      outcome: "imported",
      importId: result.id,
      status: result.status,
      file: fetched.fileName,
      ...(fetched.remove.length > 1 ? { superseded: fetched.remove.length - 1 } : {}),
    });
  } catch (error) {
    let message: string;
    if (error instanceof UserFacingError) message = error.message;
    else {
      const reference = errorReference();
      log.error("nightly pull failed", { sourceId: source.id, reference, error });
      message = `Something went wrong on the server while pulling this source; the next pass tries again (reference ${reference}).`;
    }
    await recordNightlyCheck(db, source.organizationId, source.id, {
      lastCheckedAt: now,
      lastOutcome: "error",
      lastMessage: message,
    });
    return lineFor(source, { outcome: "error", message });
  } finally {
    await releaseNightlySource(db, source.organizationId, source.id, token);
  }
}

async function fetchFile(source: NightlySourceWithOrganization, context: NightlyContext, now: Date): Promise<Fetched> {
  if (source.type === "url") {
    const headers: Record<string, string> = {};
    if (source.credentialHeaderName && source.credentialHeaderValueEncrypted) {
      headers[source.credentialHeaderName] = decryptCredential(
        source.credentialHeaderValueEncrypted,
        context.credentialKey(),
        source.organizationId,
      );
    }
    const download = await context.download(source.url ?? "", {
      headers,
      maxBytes: context.maxBytes,
      allowPrivateNetwork: context.allowPrivateNetwork,
    });
    return { ...download, remove: [] };
  }
  const folder = await resolveDropFolder(context.dropRoot, source.organizationSlug, source.folderPath ?? "");
  const pattern = source.filePattern || "*";
  // A set kind also takes a folder of the set's files (docs/import-rules.md "Where a set comes from").
  const folders = isSetKind(source.kind);
  const { ready, settling } = await listDropFiles(folder, pattern, now, context.settleMs, { folders });
  const [newest] = ready;
  if (!newest) {
    const waiting = settling > 0 ? ` (${settling} still being written; the next pass takes it)` : "";
    const where = dropFolderName(normalizeSubfolder(source.folderPath ?? ""));
    return { none: `No file matching ${pattern} in ${where}${waiting}.` };
  }
  // The newest file is the roster; older matching files are superseded and removed with it, so a
  // later pass never imports an older roster over a newer one.
  // A folder is packed into a .zip and goes through exactly the checks a .zip set does.
  const bytes = newest.folder ? await packFolder(newest.path) : await readDropFile(newest, context.maxBytes);
  return { fileName: newest.name, bytes, remove: ready };
}
