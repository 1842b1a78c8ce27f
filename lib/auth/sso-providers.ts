import type { OIDCConfig } from "next-auth/providers";
import { env } from "@/lib/env";

// The single sign-on providers (docs/decisions.md "Single sign-on"). Each is on only when all of
// its settings are present (lib/env.ts checks they come together). All speak OpenID Connect:
// Auth.js discovers their endpoints from the issuer's /.well-known/openid-configuration and checks
// the ID token's signature, issuer and audience. Who may sign in is decided by our own matching
// (sso-sign-in.ts), never by Auth.js's email account linking.

export type SsoProviderId = "google" | "microsoft-entra-id" | "clever" | "classlink" | "oidc";

export type SsoProviderSettings = {
  id: SsoProviderId;
  /** What the button says after "Sign in with". */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Auth.js checks: PKCE where the provider documents it, else state only. */
  checks: ("pkce" | "state" | "nonce")[];
};

type SsoEnv = Pick<
  typeof env,
  | "AUTH_GOOGLE_ID"
  | "AUTH_GOOGLE_SECRET"
  | "AUTH_MICROSOFT_ENTRA_ID_ID"
  | "AUTH_MICROSOFT_ENTRA_ID_SECRET"
  | "AUTH_MICROSOFT_ENTRA_ID_TENANT_ID"
  | "AUTH_CLEVER_ID"
  | "AUTH_CLEVER_SECRET"
  | "AUTH_CLASSLINK_ID"
  | "AUTH_CLASSLINK_SECRET"
  | "AUTH_OIDC_ISSUER"
  | "AUTH_OIDC_ID"
  | "AUTH_OIDC_SECRET"
  | "AUTH_OIDC_NAME"
  | "ROSTERSYNC_SSO_TEST_ISSUER"
>;

/** The configured providers, in the order their buttons appear. */
export function ssoProviderSettings(vars: SsoEnv = env): SsoProviderSettings[] {
  // In test runs only, one local OpenID Connect server stands in for every provider.
  const issuer = (real: string) => vars.ROSTERSYNC_SSO_TEST_ISSUER?.replace(/\/$/, "") ?? real;
  const providers: SsoProviderSettings[] = [];
  if (vars.AUTH_GOOGLE_ID && vars.AUTH_GOOGLE_SECRET)
    providers.push({
      id: "google",
      name: "Google",
      issuer: issuer("https://accounts.google.com"),
      clientId: vars.AUTH_GOOGLE_ID,
      clientSecret: vars.AUTH_GOOGLE_SECRET,
      checks: ["pkce", "state"],
    });
  if (vars.AUTH_MICROSOFT_ENTRA_ID_ID && vars.AUTH_MICROSOFT_ENTRA_ID_SECRET && vars.AUTH_MICROSOFT_ENTRA_ID_TENANT_ID)
    providers.push({
      id: "microsoft-entra-id",
      name: "Microsoft",
      // One tenant's issuer: its discovery document names the issuer exactly, so the ID token's
      // `iss` (and so its tenant) is checked against the district's own tenant.
      issuer: issuer(`https://login.microsoftonline.com/${vars.AUTH_MICROSOFT_ENTRA_ID_TENANT_ID}/v2.0`),
      clientId: vars.AUTH_MICROSOFT_ENTRA_ID_ID,
      clientSecret: vars.AUTH_MICROSOFT_ENTRA_ID_SECRET,
      checks: ["pkce", "state"],
    });
  if (vars.AUTH_CLEVER_ID && vars.AUTH_CLEVER_SECRET)
    providers.push({
      id: "clever",
      name: "Clever",
      // Clever's OpenID Connect issuer (discovery at https://clever.com/.well-known/openid-configuration).
      issuer: issuer("https://clever.com"),
      clientId: vars.AUTH_CLEVER_ID,
      clientSecret: vars.AUTH_CLEVER_SECRET,
      checks: ["state"],
    });
  if (vars.AUTH_CLASSLINK_ID && vars.AUTH_CLASSLINK_SECRET)
    providers.push({
      id: "classlink",
      name: "ClassLink",
      // ClassLink LaunchPad's OpenID Connect issuer (/oauth2/v2/auth, /oauth2/v2/token, /oauth2/v2/jwks).
      issuer: issuer("https://launchpad.classlink.com"),
      clientId: vars.AUTH_CLASSLINK_ID,
      clientSecret: vars.AUTH_CLASSLINK_SECRET,
      checks: ["state"],
    });
  if (vars.AUTH_OIDC_ISSUER && vars.AUTH_OIDC_ID && vars.AUTH_OIDC_SECRET)
    providers.push({
      id: "oidc",
      name: vars.AUTH_OIDC_NAME ?? "your district account",
      issuer: issuer(vars.AUTH_OIDC_ISSUER.replace(/\/$/, "")),
      clientId: vars.AUTH_OIDC_ID,
      clientSecret: vars.AUTH_OIDC_SECRET,
      checks: ["pkce", "state"],
    });
  return providers;
}

/** The Auth.js provider for these settings. The profile keeps only what a user row holds. */
export function toAuthJsProvider(settings: SsoProviderSettings): OIDCConfig<Record<string, unknown>> {
  return {
    id: settings.id,
    name: settings.name,
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: settings.checks,
    authorization: { params: { scope: "openid email profile" } },
    profile(claims) {
      const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
      return { id: String(claims.sub), email, name: typeof claims.name === "string" ? claims.name : null };
    },
  };
}

/** The providers people can pick on the sign-in and invitation pages: id and button name. */
export function configuredSsoProviders(): { id: SsoProviderId; name: string }[] {
  return ssoProviderSettings().map(({ id, name }) => ({ id, name }));
}

export function findSsoProvider(id: string | null | undefined): { id: SsoProviderId; name: string } | undefined {
  return configuredSsoProviders().find((provider) => provider.id === id);
}
