import { describe, expect, it } from "vitest";
import { describeDownloadError, describeHttpStatus } from "./download-errors";

const failure = (code: string, message = "boom") => Object.assign(new Error(message), { code });

describe("describeDownloadError", () => {
  it("puts what happened first, in words, and the technical code after it", () => {
    expect(
      describeDownloadError(failure("ENOTFOUND", "getaddrinfo ENOTFOUND sis.example.org"), "sis.example.org"),
    ).toBe("The server could not find sis.example.org. Check the address. (ENOTFOUND)");
    expect(describeDownloadError(failure("EAI_AGAIN"), "sis.example.org")).toMatch(/^The server could not find/);
    expect(describeDownloadError(failure("ECONNREFUSED"), "sis.example.org")).toMatch(
      /^sis\.example\.org did not accept the connection/,
    );
    expect(describeDownloadError(failure("ECONNRESET"), "h")).toMatch(/^h broke off the connection/);
    expect(describeDownloadError(new Error("aborted"), "h")).toMatch(/^h broke off the connection/);
    expect(describeDownloadError(failure("CERT_HAS_EXPIRED"), "h")).toMatch(/^h's security certificate is not valid/);
    expect(describeDownloadError(failure("DEPTH_ZERO_SELF_SIGNED_CERT"), "h")).toMatch(/certificate is not valid/);
    expect(describeDownloadError(failure("ERR_TLS_CERT_ALTNAME_INVALID"), "h")).toMatch(/certificate is not valid/);
    expect(describeDownloadError(failure("ETIMEDOUT"), "h")).toBe("h did not answer. Try again later. (ETIMEDOUT)");
    expect(describeDownloadError(new Error("strange"), "h")).toBe("The file could not be downloaded from h (strange).");
  });
});

describe("describeHttpStatus", () => {
  it("tells a refused credential, a wrong address and a broken server apart", () => {
    expect(describeHttpStatus(401, "Unauthorized", "sis.example.org")).toBe(
      "sis.example.org refused the request: check the credential header and its value (401 Unauthorized).",
    );
    expect(describeHttpStatus(403, undefined, "h")).toMatch(/refused the request.*\(403\)\.$/);
    expect(describeHttpStatus(404, "Not Found", "h")).toBe(
      "h has no file at this address. Check the address (404 Not Found).",
    );
    expect(describeHttpStatus(503, "Service Unavailable", "h")).toMatch(/^h had a problem of its own/);
    expect(describeHttpStatus(204, "No Content", "h")).toBe("h did not send the file (204 No Content).");
  });
});
