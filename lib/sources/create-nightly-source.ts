import type { Executor } from "@/db/client";
import { insertNightlySource, type NightlySource } from "@/db/queries/nightly-sources";
import { UserFacingError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation";
import { encryptCredential } from "./credential-cipher";
import { normalizeSubfolder, resolveDropFolder } from "./resolve-drop-folder";
import { parseSourceUrl } from "./download-url";
import { nightlySourceSchema, type NightlySourceInput } from "./nightly-source-schema";

/**
 * Adds a nightly source to the organization. A drop folder must exist below the organization's
 * folder; a URL must be https://; a header credential is encrypted before it is stored.
 */
export async function createNightlySource(
  db: Executor,
  organization: { id: string; slug: string },
  input: NightlySourceInput,
  options: { userId: string | null; dropRoot: string | undefined; credentialKey: () => Buffer },
): Promise<NightlySource> {
  const value = parseOrThrow(nightlySourceSchema, input);
  const location =
    value.type === "folder"
      ? { folderPath: normalizeSubfolder(value.folderPath), filePattern: value.filePattern, url: null }
      : { folderPath: null, filePattern: null, url: parseSourceUrl(value.url).toString() };
  if (value.type === "folder") await resolveDropFolder(options.dropRoot, organization.slug, location.folderPath ?? "");
  const credential =
    value.type === "url" && value.credentialHeaderName && value.credentialHeaderValue
      ? {
          credentialHeaderName: value.credentialHeaderName,
          credentialHeaderValueEncrypted: encryptCredential(
            value.credentialHeaderValue,
            options.credentialKey(),
            organization.id,
          ),
        }
      : { credentialHeaderName: null, credentialHeaderValueEncrypted: null };
  const created = await insertNightlySource(db, organization.id, {
    name: value.name,
    kind: value.kind,
    type: value.type,
    ...location,
    ...credential,
    expectedTime: value.expectedTime,
    timeZone: value.timeZone,
    graceMinutes: value.graceMinutes,
    createdByUserId: options.userId,
  });
  if (!created)
    throw new UserFacingError(`A source named "${value.name}" already exists. Choose another name.`, "duplicate_name");
  return created;
}
