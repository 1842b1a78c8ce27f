import { describe, expect, it } from "vitest";
import { ssoProviderSettings, toAuthJsProvider } from "./sso-providers";
import { verifiedEmailFrom } from "./sso-verified-email";

const all = {
  AUTH_GOOGLE_ID: "g-id",
  AUTH_GOOGLE_SECRET: "g-secret",
  AUTH_MICROSOFT_ENTRA_ID_ID: "m-id",
  AUTH_MICROSOFT_ENTRA_ID_SECRET: "m-secret",
  AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: "9188040d-6c67-4c5b-b112-36a304b66dad",
  AUTH_CLEVER_ID: "c-id",
  AUTH_CLEVER_SECRET: "c-secret",
  AUTH_CLASSLINK_ID: "l-id",
  AUTH_CLASSLINK_SECRET: "l-secret",
  AUTH_OIDC_ISSUER: "https://sso.riverside.k12.us/adfs/",
  AUTH_OIDC_ID: "o-id",
  AUTH_OIDC_SECRET: "o-secret",
  AUTH_OIDC_NAME: "Riverside SSO",
};

describe("ssoProviderSettings", () => {
  it("has no provider when nothing is configured", () => {
    expect(ssoProviderSettings({})).toEqual([]);
  });

  it("turns on each provider whose settings are present, with its documented issuer", () => {
    expect(ssoProviderSettings(all).map(({ id, name, issuer }) => ({ id, name, issuer }))).toEqual([
      { id: "google", name: "Google", issuer: "https://accounts.google.com" },
      {
        id: "microsoft-entra-id",
        name: "Microsoft",
        issuer: "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",
      },
      { id: "clever", name: "Clever", issuer: "https://clever.com" },
      { id: "classlink", name: "ClassLink", issuer: "https://launchpad.classlink.com" },
      { id: "oidc", name: "Riverside SSO", issuer: "https://sso.riverside.k12.us/adfs" },
    ]);
    expect(ssoProviderSettings({ AUTH_CLEVER_ID: "c-id", AUTH_CLEVER_SECRET: "c-secret" }).map((p) => p.id)).toEqual([
      "clever",
    ]);
    // A provider missing one of its settings stays off (lib/env.ts refuses to start that way).
    expect(ssoProviderSettings({ AUTH_GOOGLE_ID: "g-id" })).toEqual([]);
  });

  it("points every provider at the local test server in test runs", () => {
    const issuers = ssoProviderSettings({ ...all, ROSTERSYNC_SSO_TEST_ISSUER: "http://localhost:3236/" }).map(
      (p) => p.issuer,
    );
    expect(new Set(issuers)).toEqual(new Set(["http://localhost:3236"]));
  });

  it("never lets Auth.js link accounts by email, and keeps only id, address and name from the profile", () => {
    for (const settings of ssoProviderSettings(all)) {
      const provider = toAuthJsProvider(settings);
      expect(provider).not.toHaveProperty("allowDangerousEmailAccountLinking");
      expect(provider.type).toBe("oidc");
      expect(
        provider.profile?.({ sub: "abc", email: " Ann@D.test ", name: "Ann", picture: "https://x/p.png" }, {}),
      ).toEqual({ id: "abc", email: "ann@d.test", name: "Ann" });
    }
  });
});

describe("verifiedEmailFrom", () => {
  it("takes a verified address, lower-cased, with Google's Workspace domain", () => {
    expect(
      verifiedEmailFrom("google", { email: "Ann@Riverside.K12.us", email_verified: true, hd: "Riverside.k12.us" }),
    ).toEqual({
      ok: true,
      email: "ann@riverside.k12.us",
      hostedDomain: "riverside.k12.us",
    });
    expect(verifiedEmailFrom("oidc", { email: "ann@d.test", email_verified: "true", hd: "d.test" })).toEqual({
      ok: true,
      email: "ann@d.test",
      hostedDomain: null,
    });
  });

  it("refuses an address the provider did not verify, and a missing or malformed one", () => {
    expect(verifiedEmailFrom("clever", { email: "ann@d.test", email_verified: false })).toEqual({
      ok: false,
      reason: "unverified",
    });
    expect(verifiedEmailFrom("classlink", { email: "ann@d.test" })).toEqual({ ok: false, reason: "unverified" });
    // Entra ID: only email_verified or its domain-owner claim xms_edov count; its username does not.
    expect(verifiedEmailFrom("microsoft-entra-id", { email: "ann@d.test", preferred_username: "ann@d.test" })).toEqual({
      ok: false,
      reason: "unverified",
    });
    expect(verifiedEmailFrom("microsoft-entra-id", { email: "ann@d.test", xms_edov: true })).toMatchObject({
      ok: true,
    });
    // xms_edov is Entra's own: another provider sending it is not believed.
    expect(verifiedEmailFrom("oidc", { email: "ann@d.test", xms_edov: true })).toMatchObject({ ok: false });
    expect(verifiedEmailFrom("google", { email_verified: true })).toEqual({ ok: false, reason: "no_email" });
    expect(verifiedEmailFrom("google", { email: "ann at d.test", email_verified: true })).toEqual({
      ok: false,
      reason: "no_email",
    });
  });
});
