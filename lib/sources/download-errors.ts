// What an admin reads when a URL source's file could not be fetched ("Test now", the source's
// last check, the nightly pass): what happened in plain words first, the technical code second
// in parentheses, for whoever runs the SIS server.

const NOT_FOUND = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_NODATA"]);
const REFUSED = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH"]);
const CLOSED = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE"]);
const CERTIFICATE =
  /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)_|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_)/;

/** A network or TLS failure reaching `host`, in words. */
export function describeDownloadError(error: unknown, host: string): string {
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  const suffix = code ? ` (${code})` : "";
  if (NOT_FOUND.has(code)) return `The server could not find ${host}. Check the address.${suffix}`;
  if (REFUSED.has(code))
    return `${host} did not accept the connection. Check the address, or try again later.${suffix}`;
  if (code === "ETIMEDOUT") return `${host} did not answer. Try again later.${suffix}`;
  if (CLOSED.has(code) || (error instanceof Error && /aborted|socket hang up/i.test(error.message)))
    return `${host} broke off the connection before the whole file arrived. Try again later.${suffix}`;
  if (CERTIFICATE.test(code))
    return `${host}'s security certificate is not valid (expired, or not issued for this address), so nothing was downloaded.${suffix}`;
  const detail = error instanceof Error ? error.message : String(error);
  return `The file could not be downloaded from ${host} (${code || detail}).`;
}

/** An answer other than 200 from `host`, in words. */
export function describeHttpStatus(status: number, statusText: string | undefined, host: string): string {
  const code = `${status}${statusText ? ` ${statusText}` : ""}`;
  if (status === 401 || status === 403)
    return `${host} refused the request: check the credential header and its value (${code}).`;
  if (status === 404 || status === 410) return `${host} has no file at this address. Check the address (${code}).`;
  if (status === 429) return `${host} asked RosterSync to slow down. Try again later (${code}).`;
  if (status >= 500) return `${host} had a problem of its own and sent no file. Try again later (${code}).`;
  return `${host} did not send the file (${code}).`;
}
