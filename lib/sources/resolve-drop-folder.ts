import { realpath } from "node:fs/promises";
import path from "node:path";
import { UserFacingError } from "@/lib/errors";
import { NOT_ENABLED } from "./source-capabilities";

// Drop folders (docs/decisions.md "Nightly sync"): every organization's folders live below
// `$NIGHTLY_DROP_ROOT/<organization slug>/`; an admin names only the subfolder, never an absolute
// path or `..`, and a symbolic link out of the organization's folder is refused when it is read.

const SUBFOLDER = /^[A-Za-z0-9_][A-Za-z0-9_.\- ]*(\/[A-Za-z0-9_][A-Za-z0-9_.\- ]*)*$/;

/** The admin's subfolder, tidied ("" for the organization's folder itself), or a message. */
export function normalizeSubfolder(value: string): string {
  const trimmed = value
    .trim()
    .replace(/^\/+|\/+$/g, "")
    .replace(/\/{2,}/g, "/");
  if (trimmed === "") return "";
  if (!SUBFOLDER.test(trimmed) || trimmed.split("/").some((part) => part === "." || part === "..")) {
    throw new UserFacingError(
      "A drop folder is a folder name below your organization's folder: letters, digits, spaces, dots, dashes, underscores and /; no .. or leading dot.",
      "invalid_folder",
    );
  }
  return trimmed;
}

/** The organization's own folder below the drop root. */
export function organizationDropRoot(dropRoot: string | undefined, slug: string): string {
  if (!dropRoot) throw new UserFacingError(NOT_ENABLED.dropFolders, "no_drop_root");
  return path.join(path.resolve(dropRoot), slug);
}

/** A source's folder, checked (after following links) to stay inside the organization's folder. */
export async function resolveDropFolder(
  dropRoot: string | undefined,
  slug: string,
  subfolder: string,
): Promise<string> {
  const base = organizationDropRoot(dropRoot, slug);
  const name = normalizeSubfolder(subfolder);
  const folder = path.join(base, name);
  // Messages name the folder as the admin wrote it, never the server's path.
  const named = dropFolderName(name);
  const [realBase, realFolder] = await Promise.all([realpath(base), realpath(folder)]).catch(() => {
    throw new UserFacingError(`${capitalized(named)} does not exist on the server yet.`, "folder_missing");
  });
  if (realFolder !== realBase && !realFolder.startsWith(`${realBase}${path.sep}`)) {
    throw new UserFacingError(`${capitalized(named)} leads outside your organization's folder.`, "folder_outside_root");
  }
  return realFolder;
}

/** "the folder sis", or "your organization's drop folder" for the organization's own folder. */
export function dropFolderName(subfolder: string): string {
  return subfolder ? `the folder ${subfolder}` : "your organization's drop folder";
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
