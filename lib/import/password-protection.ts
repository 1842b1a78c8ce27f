import * as XLSX from "@e965/xlsx";
import { ImportFileError } from "./types";

// A workbook saved with a password to open cannot be read without it, and RosterSync never asks
// for one. Both kinds are OLE2 (CFB) containers, so both start with the XLS signature:
// - an encrypted XLSX holds the "EncryptionInfo" and "EncryptedPackage" streams (ECMA-376);
// - an encrypted XLS has a FILEPASS record in the globals substream of its "Workbook" stream.
// Looked for only when SheetJS has refused the file, so readable files pay nothing.

const BIFF_BOF = new Set([0x0809, 0x0009, 0x0209, 0x0409]);
const BIFF_EOF = 0x000a;
const BIFF_FILEPASS = 0x002f;

/** Which kind of password-protected workbook these bytes are, or null. */
export function passwordProtectedKind(bytes: Uint8Array): "XLSX" | "XLS" | null {
  let container: unknown; // SheetJS types CFB as any
  try {
    container = XLSX.CFB.read(bytes, { type: "array" });
  } catch {
    return null;
  }
  if (XLSX.CFB.find(container, "EncryptedPackage") || XLSX.CFB.find(container, "EncryptionInfo")) return "XLSX";
  const stream = XLSX.CFB.find(container, "Workbook") ?? XLSX.CFB.find(container, "Book");
  const content = (stream as { content?: Uint8Array } | null)?.content;
  return content && globalsHaveFilePass(content) ? "XLS" : null;
}

/** Walks the records of the workbook globals (BOF … EOF) looking for FILEPASS. */
function globalsHaveFilePass(stream: Uint8Array): boolean {
  const u16 = (at: number) => stream[at]! | (stream[at + 1]! << 8);
  if (stream.length < 4 || !BIFF_BOF.has(u16(0))) return false;
  for (let at = 4 + u16(2); at + 4 <= stream.length; at += 4 + u16(at + 2)) {
    const type = u16(at);
    if (type === BIFF_FILEPASS) return true;
    if (type === BIFF_EOF) return false;
  }
  return false;
}

export function passwordProtectedError(kind: "XLSX" | "XLS"): ImportFileError {
  return new ImportFileError(
    "password_protected",
    `This ${kind} file is protected with a password, so it cannot be read. Open it in Excel with its password, ` +
      "save a copy without a password (File → Info → Protect Workbook → Encrypt with Password, clear the password, OK, then Save), " +
      "and upload that copy — or export the roster again from your SIS.",
  );
}
