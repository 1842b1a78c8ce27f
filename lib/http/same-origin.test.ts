import { describe, expect, it } from "vitest";
import { publicBaseUrl } from "@/lib/public-url";
import { crossSiteRefusal } from "./same-origin";

const host = new URL(publicBaseUrl()).host;
const refused = (headers: Record<string, string>) => crossSiteRefusal(new Headers({ host, ...headers }));

describe("crossSiteRefusal", () => {
  it("lets this app's own page post (Origin of this host, same-origin fetch)", () => {
    expect(refused({ origin: publicBaseUrl(), "sec-fetch-site": "same-origin" })).toBeNull();
    expect(refused({ origin: publicBaseUrl() })).toBeNull();
    expect(refused({ "sec-fetch-site": "same-origin" })).toBeNull();
  });

  it("refuses another site, an opaque origin, and a request with neither header", () => {
    expect(refused({ origin: "http://evil.test", "sec-fetch-site": "cross-site" })).toMatch(/Sec-Fetch-Site/);
    expect(refused({ origin: "http://evil.test" })).toBe("another site's Origin");
    expect(refused({ origin: "null" })).not.toBeNull();
    expect(refused({ "content-type": "text/plain" })).toBe("no Origin header");
    expect(refused({ origin: publicBaseUrl(), "sec-fetch-site": "same-site" })).toMatch(/same-site/);
  });
});
