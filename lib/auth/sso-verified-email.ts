import { emailSchema } from "@/lib/validation";

// The email address a provider vouches for, from its ID token claims (docs/decisions.md "Single
// sign-on"). Only a verified address is ever matched to a person; an address the provider does
// not say it verified is refused, never trusted.

export type VerifiedEmail =
  { ok: true; email: string; hostedDomain: string | null } | { ok: false; reason: "no_email" | "unverified" };

/** Some identity providers send the boolean as a string. */
const isTrue = (value: unknown) => value === true || value === "true";

export function verifiedEmailFrom(providerId: string, claims: Record<string, unknown>): VerifiedEmail {
  const raw = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const parsed = emailSchema.safeParse(raw);
  if (!raw || !parsed.success) return { ok: false, reason: "no_email" };
  const verified =
    providerId === "microsoft-entra-id"
      ? // Entra ID sends no email_verified for work accounts; its optional claim xms_edov says the
        // address's domain is verified by the tenant that owns it.
        isTrue(claims.email_verified) || isTrue(claims.xms_edov)
      : // Google, Clever (false unless Clever Support turns it on), ClassLink, any OpenID Connect provider.
        isTrue(claims.email_verified);
  if (!verified) return { ok: false, reason: "unverified" };
  const hostedDomain = providerId === "google" && typeof claims.hd === "string" ? claims.hd.toLowerCase() : null;
  return { ok: true, email: parsed.data, hostedDomain };
}
