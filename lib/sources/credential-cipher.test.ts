import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptCredential, encryptCredential } from "./credential-cipher";

describe("credential cipher", () => {
  const key = randomBytes(32);

  it("round-trips, and never stores the plain text", () => {
    const stored = encryptCredential("Bearer s3cret-token", key, "org-1");
    expect(stored).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(stored).not.toContain("s3cret");
    expect(decryptCredential(stored, key, "org-1")).toBe("Bearer s3cret-token");
    expect(encryptCredential("Bearer s3cret-token", key, "org-1")).not.toBe(stored); // a fresh IV each time
  });

  it("refuses another key, another organization, and a tampered ciphertext", () => {
    const stored = encryptCredential("abc", key, "org-1");
    expect(() => decryptCredential(stored, randomBytes(32), "org-1")).toThrow();
    expect(() => decryptCredential(stored, key, "org-2")).toThrow();
    const parts = stored.split(":");
    parts[3] = Buffer.from("abd").toString("base64url");
    expect(() => decryptCredential(parts.join(":"), key, "org-1")).toThrow();
  });
});
