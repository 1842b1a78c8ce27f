import { describe, expect, it } from "vitest";
import { sessionCookieName } from "./session-cookie";

describe("sessionCookieName", () => {
  it("is Auth.js's own name: __Secure- on https, plain on http", () => {
    expect(sessionCookieName(true)).toBe("__Secure-authjs.session-token");
    expect(sessionCookieName(false)).toBe("authjs.session-token");
  });
});
