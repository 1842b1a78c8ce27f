import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { NOT_ENABLED } from "./source-capabilities";

// The header credential of a URL source (an API key, a Basic or Bearer value) is stored encrypted
// with AES-256-GCM under SOURCE_CREDENTIALS_KEY, bound to its organization (additional
// authenticated data), so a ciphertext copied to another organization's row does not decrypt.
// Stored as "v1:<iv>:<tag>:<ciphertext>" in base64url. It is never shown again.

const VERSION = "v1";

/**
 * The key from the environment, or a plain message for the admin when the operator has not set
 * one (how to set it is in the README, for the operator).
 */
export function credentialKey(): Buffer {
  if (!env.SOURCE_CREDENTIALS_KEY) throw new UserFacingError(NOT_ENABLED.credentials, "no_credentials_key");
  return Buffer.from(env.SOURCE_CREDENTIALS_KEY, "base64");
}

export function encryptCredential(plain: string, key: Buffer, organizationId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(organizationId));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(":");
}

export function decryptCredential(stored: string, key: Buffer, organizationId: string): string {
  const [version, iv, tag, ciphertext] = stored.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("not an encrypted credential");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(organizationId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
