import { z } from "zod";
import { UserFacingError } from "@/lib/errors";

// The organization setting "email domain for usernames" as an admin types it: "@district.org"
// or "district.org" (stored as "@district.org"); blank clears it.

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^@/, ""))
  .refine((value) => value === "" || DOMAIN.test(value), {
    message: "Enter a domain such as @district.org, or leave it blank.",
  })
  .transform((value) => (value === "" ? null : `@${value}`));

/** The stored form of what the admin typed, or a UserFacingError saying what is wrong. */
export function parseEmailDomain(input: string): string | null {
  const parsed = emailDomainSchema.safeParse(input);
  if (!parsed.success)
    throw new UserFacingError(parsed.error.issues[0]?.message ?? "Invalid domain.", "invalid_domain");
  return parsed.data;
}
