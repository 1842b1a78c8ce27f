// What an admin's browser does on "New import", over HTTP: the file to the upload route
// (NDJSON progress, then one "done" line: the import is queued), the import's page reloaded until
// a worker has made it a preview, then "Apply" on that page (queued again, reloaded until
// applied). Apply is a server action (`applyImportAction.bind(null, importId)` under useActionState): a POST to the page
// with the action's id in `Next-Action` and its arguments encoded by React's own encodeReply,
// as the client router sends it.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type UploadOutcome = {
  ok: boolean;
  ms: number;
  httpStatus: number;
  importId: string | null;
  status: string | null;
  message?: string;
};
export type ApplyOutcome = { ok: boolean; ms: number; httpStatus: number; message?: string };

/** The id a production build gave an exported server action (.next/server/server-reference-manifest.json). */
export function serverActionId(root: string, file: string, exportedName: string): string {
  const manifestPath = path.join(root, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === file && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`no server action ${exportedName} of ${file} in ${manifestPath}; build again`);
  return found[0];
}

type EncodeReply = (value: unknown) => Promise<string | FormData>;

export function reactEncodeReply(root: string): EncodeReply {
  const require = createRequire(path.join(root, "package.json"));
  return (require("next/dist/compiled/react-server-dom-webpack/client.node") as { encodeReply: EncodeReply })
    .encodeReply;
}

/** POST /admin/imports/upload?kind=combined&name=… with the file as the body; reads the NDJSON to its last line. */
export async function upload(baseUrl: string, cookie: string, name: string, bytes: Uint8Array): Promise<UploadOutcome> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/admin/imports/upload?kind=combined&name=${encodeURIComponent(name)}`, {
      method: "POST",
      // The Origin a browser sends from the New import page (the route refuses cross-site posts).
      headers: { cookie, origin: baseUrl, "content-type": "text/csv" },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200)
      return { ok: false, ms, httpStatus: response.status, importId: null, status: null, message: text.slice(0, 200) };
    const last = JSON.parse(text.trim().split("\n").at(-1) ?? "{}") as {
      type?: string;
      id?: string;
      status?: string;
      message?: string;
    };
    if (last.type !== "done" || !last.id || !last.status) {
      return {
        ok: false,
        ms,
        httpStatus: 200,
        importId: null,
        status: null,
        message: `last line ${JSON.stringify(last).slice(0, 200)}`,
      };
    }
    return {
      ok: last.status !== "failed",
      ms,
      httpStatus: 200,
      importId: last.id,
      status: last.status,
      ...(last.status === "failed" ? { message: "import failed" } : {}),
    };
  } catch (error) {
    return {
      ok: false,
      ms: performance.now() - started,
      httpStatus: 0,
      importId: null,
      status: null,
      message: String(error),
    };
  }
}

/** "Apply" on /admin/imports/<id>: the server action; success is its redirect to the import's page. */
export async function apply(
  baseUrl: string,
  cookie: string,
  actionId: string,
  encodeReply: EncodeReply,
  importId: string,
): Promise<ApplyOutcome> {
  const started = performance.now();
  try {
    // The bound import id, useActionState's previous state ({}), and the (empty) form's data.
    const body = await encodeReply([importId, {}, new FormData()]);
    const response = await fetch(`${baseUrl}/admin/imports/${importId}`, {
      method: "POST",
      headers: { cookie, "next-action": actionId, accept: "text/x-component", origin: baseUrl },
      body,
    });
    const text = await response.text();
    const ms = performance.now() - started;
    const redirect = response.headers.get("x-action-redirect") ?? "";
    const ok = response.status === 200 && redirect.startsWith(`/admin/imports/${importId}`);
    return {
      ok,
      ms,
      httpStatus: response.status,
      ...(ok ? {} : { message: `no redirect to the import (${redirect || "none"}): ${text.slice(0, 200)}` }),
    };
  } catch (error) {
    return { ok: false, ms: performance.now() - started, httpStatus: 0, message: String(error) };
  }
}

const STATUS_BY_LABEL: Record<string, string> = {
  Queued: "queued",
  Processing: "processing",
  Preview: "preview",
  "Held for review": "held",
  Applied: "applied",
  "Applied with errors": "applied_with_errors",
  Unchanged: "unchanged",
  Failed: "failed",
  Discarded: "discarded",
};

/**
 * The import's page reloaded, as the page does by itself, until its status badge says a worker is
 * done with it (neither queued nor processing): that status, or null when it did not in time.
 */
export async function settledStatus(
  baseUrl: string,
  cookie: string,
  importId: string,
  timeoutMs = 600_000,
): Promise<string | null> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const response = await fetch(`${baseUrl}/admin/imports/${importId}`, { headers: { cookie } });
    const label = /data-testid="status-badge"[^>]*>([^<]+)</.exec(await response.text())?.[1];
    const status = label ? STATUS_BY_LABEL[label] : undefined;
    if (status && status !== "queued" && status !== "processing") return status;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return null;
}
