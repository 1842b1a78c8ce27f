import { parse as parseContentDisposition } from "content-disposition";
import { formatBytes } from "@/lib/format";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request } from "node:https";
import { BlockList, isIP } from "node:net";
import { UserFacingError } from "@/lib/errors";
import { describeDownloadError, describeHttpStatus } from "./download-errors";
import { NOT_ENABLED } from "./source-capabilities";

// A URL source's file (docs/decisions.md "Nightly sync"): HTTPS only; redirects are not followed
// (the credential must not travel to another host: enter the final URL); one minute in all; at
// most the import's size limit; 200 only. Private, loopback and link-local addresses are refused
// unless the operator allows them (an SIS on the district network), checked on the address the
// connection really uses, so a DNS answer cannot point the server at itself.

export type DownloadOptions = {
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxBytes: number;
  allowPrivateNetwork?: boolean;
  /** Extra trusted certificates (tests). */
  ca?: string | Buffer;
};

export type Download = { bytes: Uint8Array; fileName: string };

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

/** Loopback, private, link-local, multicast or unspecified: not a public server. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, "ipv4");
  const family = isIP(address);
  return family === 0 ? true : blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

const fail = (message: string, code = "download_failed") => new UserFacingError(message, code);

/** The URL, checked: HTTPS, no credentials in it. */
export function parseSourceUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw fail("Enter the full address of the file, starting with https://.", "invalid_url");
  }
  if (url.protocol !== "https:")
    throw fail("Only https:// addresses are allowed, so the file and its credential travel encrypted.", "invalid_url");
  if (url.username || url.password)
    throw fail("Put the credential in the header fields, not in the address.", "invalid_url");
  return url;
}

export async function downloadUrl(value: string, options: DownloadOptions): Promise<Download> {
  const url = parseSourceUrl(value);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!options.allowPrivateNetwork && isIP(host) && isPrivateAddress(host)) {
    throw fail(`${url.host} is a private or local address. ${NOT_ENABLED.privateNetwork}`, "private_address");
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise<Download>((resolve, reject) => {
    const req = request(
      url,
      {
        method: "GET",
        headers: { "user-agent": "RosterSync nightly", accept: "*/*", ...options.headers },
        ca: options.ca,
        lookup: (hostname, lookupOptions, callback) => {
          dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
            const list = (addresses ?? []) as LookupAddress[];
            if (error) return callback(error, "", 4);
            const refused = !options.allowPrivateNetwork && list.some((entry) => isPrivateAddress(entry.address));
            if (refused) {
              return callback(
                fail(`${hostname} is on a private or local network. ${NOT_ENABLED.privateNetwork}`, "private_address"),
                "",
                4,
              );
            }
            if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
            const first = list[0];
            return first
              ? callback(null, first.address, first.family)
              : callback(fail(`The server could not find ${hostname}. Check the address.`), "", 4);
          });
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.resume();
          return reject(
            fail(
              `The server answered ${status}, a redirect to ${response.headers.location ?? "another address"}. Enter the final https:// address instead.`,
              "redirect",
            ),
          );
        }
        if (status !== 200) {
          response.resume();
          return reject(fail(describeHttpStatus(status, response.statusMessage, url.hostname), "http_error"));
        }
        const declared = Number(response.headers["content-length"] ?? 0);
        if (declared > options.maxBytes) {
          req.destroy();
          return reject(
            fail(
              `The file is ${formatBytes(declared)}; the limit is ${formatBytes(options.maxBytes)}.`,
              "file_too_large",
            ),
          );
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            req.destroy();
            reject(fail(`The file is larger than the limit of ${formatBytes(options.maxBytes)}.`, "file_too_large"));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => {
          // Whatever happens here must settle the promise: a throw in a listener would escape it.
          try {
            resolve({
              bytes: Buffer.concat(chunks),
              fileName: fileNameOf(url, response.headers["content-disposition"]),
            });
          } catch (error) {
            reject(fail(describeDownloadError(error, url.hostname)));
          }
        });
        response.on("error", (error) => reject(fail(describeDownloadError(error, url.hostname))));
      },
    );
    req.setTimeout(timeoutMs);
    const timer = setTimeout(
      () => req.destroy(fail(`No complete answer within ${timeoutMs / 1000} seconds.`, "timeout")),
      timeoutMs,
    );
    req.on("timeout", () => req.destroy(fail(`No complete answer within ${timeoutMs / 1000} seconds.`, "timeout")));
    req.on("close", () => clearTimeout(timer));
    req.on("error", (error) =>
      reject(error instanceof UserFacingError ? error : fail(describeDownloadError(error, url.hostname))),
    );
    req.end();
  });
}

/**
 * The name from Content-Disposition (RFC 6266; `filename*=` in RFC 5987 form wins over
 * `filename=`), else the URL's last path segment, else "download". Never throws: a header that
 * cannot be parsed, or a stray "%", is no reason to lose the file.
 */
function fileNameOf(url: URL, disposition: string | undefined): string {
  const name = (nameFromHeader(disposition) || decodedSegment(url.pathname.split("/").pop() ?? ""))
    .replace(/[/\\]/g, "_")
    .trim();
  return name.slice(0, 255) || "download";
}

function nameFromHeader(disposition: string | undefined): string {
  if (!disposition) return "";
  try {
    return parseContentDisposition(disposition).parameters.filename ?? "";
  } catch {
    return "";
  }
}

/** A path segment with its %-escapes decoded; as written when they are not valid UTF-8 escapes. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
