import { describe, expect, it } from "vitest";
import { bearerToken, secretMatches } from "./bearer";

describe("bearer", () => {
  it("reads the bearer value of an Authorization header", () => {
    expect(bearerToken("Bearer abc.123")).toBe("abc.123");
    expect(bearerToken("bearer   abc ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });

  it("matches the secret exactly, whatever the lengths", () => {
    expect(secretMatches("s3cret-s3cret-s3cret", "s3cret-s3cret-s3cret")).toBe(true);
    expect(secretMatches("s3cret-s3cret-s3creT", "s3cret-s3cret-s3cret")).toBe(false);
    expect(secretMatches("s3cret", "s3cret-s3cret-s3cret")).toBe(false);
    expect(secretMatches(null, "s3cret-s3cret-s3cret")).toBe(false);
  });
});
