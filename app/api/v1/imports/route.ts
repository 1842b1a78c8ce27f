import { z } from "zod";
import { getDb } from "@/db/client";
import { apiError } from "@/lib/http/api-error";
import { readPushedFile } from "@/lib/http/read-pushed-file";
import { ANY_IMPORT_KINDS } from "@/lib/import/types";
import { authenticateApiToken } from "@/lib/sources/authenticate-api-token";
import { importPushedFile } from "@/lib/sources/import-pushed-file";
import { statusUrlFor } from "@/lib/sources/status-url";

// POST /api/v1/imports?kind=combined[&name=roster.csv] — an SIS script pushes a roster file with
// an organization API token, as the body or as multipart field "file". Imports like the nightly
// job (applies unless held) on the job queue and answers 202 {id, status, statusUrl} as soon as
// the import is queued (status "queued"; GET statusUrl follows it to "processing" and its final
// status); a file that could not be read answers 422 with the same fields. docs/decisions.md "Push API".

export const dynamic = "force-dynamic";
export const maxDuration = 300;

const querySchema = z.object({
  kind: z.enum(ANY_IMPORT_KINDS).default("combined"),
  name: z.string().trim().min(1).optional(),
});
// A longer `name` is cut to 255 characters (readPushedFile), not refused.

export async function POST(request: Request) {
  const db = await getDb();
  const auth = await authenticateApiToken(db, request.headers.get("authorization"), { countImport: true });
  if (!auth.ok) {
    const headers: Record<string, string> = auth.retryAfterSeconds
      ? { "retry-after": String(auth.retryAfterSeconds) }
      : {};
    return apiError(auth.status, auth.code, auth.message, { headers });
  }
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return apiError(422, "invalid_kind", `kind must be one of ${ANY_IMPORT_KINDS.join(", ")}.`);

  const file = await readPushedFile(request, query.data.name);
  if ("error" in file) return apiError(file.status, file.error, file.message);

  const result = await importPushedFile(db, auth.token.organizationId, {
    tokenName: auth.token.name,
    kind: query.data.kind,
    ...file,
  });
  const body = { id: result.id, status: result.status, statusUrl: statusUrlFor(request, result.id) };
  if (result.status === "failed") {
    const issue = result.issues[0];
    return apiError(422, issue?.code ?? "import_failed", issue?.message ?? "The file could not be imported.", {
      extra: body,
    });
  }
  return Response.json(body, { status: 202 });
}
