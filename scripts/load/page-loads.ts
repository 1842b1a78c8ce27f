// Page loads with autocannon: one instance per organization and kind of page, each one
// connection with that organization's admin cookie, walking its pages in a loop. Latencies come
// from autocannon's per-response events, so each kind gets its own percentiles.

import autocannon from "autocannon";
import type { Sample } from "./stats";

export type PageKind = "importPages" | "rosterPages";

export type PageTarget = {
  cookie: string;
  /** An import id of the organization for its detail page (the newest one the test knows). */
  importId: () => string;
  /** A student id prefix for the roster search. */
  idPrefix: string;
};

type PageRequest = { path: string } | { setupRequest: (request: autocannon.Request) => autocannon.Request };

export function pageRequests(kind: PageKind, target: PageTarget): PageRequest[] {
  if (kind === "importPages") {
    return [
      { path: "/admin/imports" },
      { setupRequest: (request) => ({ ...request, path: `/admin/imports/${target.importId()}` }) },
      { path: "/admin/imports?status=applied" },
    ];
  }
  return [
    { path: "/admin/roster/schools" },
    { path: "/admin/roster/classes" },
    { path: "/admin/roster/students" },
    { path: "/admin/roster/students?page=5" },
    { path: `/admin/roster/students?q=${encodeURIComponent(`${target.idPrefix}-S12`)}` },
    { path: "/admin/staff" },
  ];
}

/**
 * Loads `kind` pages for every target at once, for `seconds`. Every answer but 200 is an error
 * (a signed-in admin's page never redirects), and so is a request that got no answer.
 */
export async function loadPages(
  baseUrl: string,
  kind: PageKind,
  targets: PageTarget[],
  seconds: number,
  samples: Sample[],
): Promise<void> {
  await Promise.all(
    targets.map(async (target) => {
      await new Promise<void>((resolve, reject) => {
        const instance = autocannon(
          {
            url: baseUrl,
            connections: 1,
            duration: seconds,
            timeout: 60,
            headers: { cookie: target.cookie },
            requests: pageRequests(kind, target) as autocannon.Request[],
          },
          (error) => (error ? reject(error as Error) : resolve()),
        );
        instance.on("response", (_client, statusCode, _bytes, responseTime) =>
          samples.push({ ms: responseTime, error: statusCode !== 200 }),
        );
        instance.on("reqError", () => samples.push({ ms: null, error: true }));
      });
    }),
  );
}
