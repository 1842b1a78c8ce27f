import { formatBytes } from "@/lib/format";
import { z } from "zod";
import { requireAdminForRoute } from "@/lib/auth/guards";
import { ANY_IMPORT_KINDS, DEFAULT_READ_LIMITS } from "@/lib/import/types";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { importUpload } from "@/lib/sources/upload";
import { refuseCrossSite } from "@/lib/http/same-origin";
import { log } from "@/lib/log";

// POST /admin/imports/upload?kind=combined&name=roster.csv — the file is the request body, read
// as a stream with a size limit (a server action would stop at 1 MB). The answer is NDJSON:
// progress lines while the file is read, then one "done" (the import is queued: its page follows
// it) or "mapping" line.

export const dynamic = "force-dynamic";
export const maxDuration = 300;

const querySchema = z.object({
  // "set": a .zip of a OneRoster, Clever or SDS set (or several CSVs the page zipped), detected.
  kind: z.enum([...ANY_IMPORT_KINDS, "set"]),
  // Any length a browser sends: the name is cut to 255 characters when it is recorded
  // (storedFileName), so a 300-character name is not a reason to refuse the file.
  name: z.string().trim().min(1).max(4096),
});
const mappingSchema = z.record(z.string(), z.string().min(1)).nullable();

const error = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status });

export async function POST(request: Request) {
  const admin = await requireAdminForRoute();
  if (admin instanceof Response) return admin;
  // The session cookie rides along on another site's post: only this app's page may upload.
  const crossSite = refuseCrossSite(request);
  if (crossSite) return crossSite;

  const url = new URL(request.url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success)
    return error(
      400,
      "bad_request",
      "Choose the kind of file (combined, staff, students or a OneRoster / Clever / SDS set) and send its name.",
    );
  let columnMapping: Record<string, string> | null = null;
  try {
    const header = request.headers.get("x-column-mapping");
    columnMapping = header ? mappingSchema.parse(JSON.parse(decodeURIComponent(header))) : null;
  } catch {
    return error(400, "bad_request", "The column mapping could not be read.");
  }

  const limit = DEFAULT_READ_LIMITS.maxBytes;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limit)
    return error(413, "file_too_large", `The file is ${formatBytes(declared)}; the limit is ${formatBytes(limit)}.`);
  const bytes = await readBodyWithLimit(request.body, limit, declared);
  if (bytes === "too_large")
    return error(413, "file_too_large", `The file is larger than the limit of ${formatBytes(limit)}.`);

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: object) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        const outcome = await importUpload({
          organizationId: admin.organization.id,
          userId: admin.user.id,
          kind: query.data.kind,
          fileName: query.data.name,
          bytes,
          columnMapping,
          saveMapping: request.headers.get("x-save-mapping") === "1",
          onProgress: (fraction) => send({ type: "progress", phase: "reading", fraction }),
        });
        send(outcome);
      } catch (failure) {
        log.error("upload failed", { organizationId: admin.organization.id, error: failure });
        send({ type: "error", message: "The upload could not be processed. Try again; nothing was changed." });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" },
  });
}
