import { formatBytes } from "@/lib/format";
import { DEFAULT_READ_LIMITS } from "@/lib/import/types";
import { readBodyWithLimit } from "./read-body";

// The file of a push API request: the raw body (a roster content type, or none) or the field
// "file" of a multipart/form-data body. Over the import's size limit → 413 without reading the
// rest; another content type → 415; no file or an empty one → 422.

const RAW_TYPES = new Set([
  "application/octet-stream",
  "text/csv",
  "application/csv",
  "text/x-csv",
  "text/plain",
  "text/tab-separated-values",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  // A OneRoster, Clever or SDS set (lib/import/sets).
  "application/zip",
  "application/x-zip-compressed",
]);
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

export type PushedFile = { fileName: string; bytes: Uint8Array };
export type PushedFileError = { error: string; status: 413 | 415 | 422; message: string };

export async function readPushedFile(
  request: Request,
  name: string | undefined,
  limit = DEFAULT_READ_LIMITS.maxBytes,
): Promise<PushedFile | PushedFileError> {
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const multipart = contentType === "multipart/form-data";
  if (!multipart && contentType !== "" && !RAW_TYPES.has(contentType)) {
    return {
      error: "unsupported_media_type",
      status: 415,
      message: `Send the file as the body (text/csv, application/octet-stream, an Excel type, application/zip for a OneRoster, Clever or SDS set) or as multipart/form-data field "file"; got ${contentType}.`,
    };
  }
  const max = multipart ? limit + MULTIPART_OVERHEAD : limit;
  const tooLarge: PushedFileError = {
    error: "file_too_large",
    status: 413,
    message: `The file is larger than the limit of ${formatBytes(limit)}.`,
  };
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > max) return tooLarge;
  const body = await readBodyWithLimit(request.body, max, declared);
  if (body === "too_large") return tooLarge;

  let file: PushedFile;
  if (multipart) {
    const form = await new Response(body as BodyInit, {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    })
      .formData()
      .catch(() => null);
    const part = form?.get("file");
    if (!part || typeof part === "string")
      return { error: "missing_file", status: 422, message: 'The multipart body has no file field named "file".' };
    if (part.size > limit) return tooLarge;
    file = { fileName: name ?? part.name, bytes: new Uint8Array(await part.arrayBuffer()) };
  } else {
    file = { fileName: name ?? "pushed-file", bytes: body };
  }
  if (file.bytes.byteLength === 0) return { error: "empty_file", status: 422, message: "The file is empty." };
  return { ...file, fileName: file.fileName.trim().slice(0, 255) || "pushed-file" };
}
