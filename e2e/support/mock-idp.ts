import { OAuth2Server } from "oauth2-mock-server";
import { SSO_CLIENT_IDS, SSO_ENTRA_TENANT_ID, ssoIssuerPortFor } from "./e2e-env.mjs";

export type ProviderKind = keyof typeof SSO_CLIENT_IDS;

/**
 * A local OpenID Connect server (oauth2-mock-server) standing in for every single sign-on
 * provider: same protocol (discovery, authorization code, signed ID token), each provider's
 * documented claims. Its authorize endpoint signs in whoever `signInAs` named for that provider.
 */
export class MockIdp {
  private readonly server = new OAuth2Server();
  private readonly identities = new Map<string, Record<string, unknown>>();
  /** Every token it handed out, so the privacy canary can look for them. */
  readonly issuedTokens: string[] = [];

  static async start(appPort: string | number): Promise<MockIdp> {
    const idp = new MockIdp();
    await idp.server.issuer.keys.generate("RS256");
    idp.server.service.on("beforeTokenSigning", (token, req) => {
      const clientId = clientIdOf(req);
      const claims = clientId ? idp.identities.get(clientId) : undefined;
      if (claims && token.payload.aud === clientId) Object.assign(token.payload, claims); // the ID token
    });
    idp.server.service.on("beforeResponse", (response) => {
      const body = response.body as Record<string, unknown>;
      for (const key of ["access_token", "id_token", "refresh_token"])
        if (typeof body[key] === "string") idp.issuedTokens.push(body[key]);
    });
    await idp.server.start(ssoIssuerPortFor(appPort), "localhost");
    return idp;
  }

  /** The next sign-in through this provider is this person, with the provider's documented claims. */
  signInAs(kind: ProviderKind, email: string, overrides: Record<string, unknown> = {}) {
    this.identities.set(SSO_CLIENT_IDS[kind], { ...documentedClaims(kind, email), ...overrides });
  }

  async stop() {
    await this.server.stop();
  }
}

function clientIdOf(req: { headers: Record<string, string | string[] | undefined>; body?: unknown }) {
  const header = req.headers.authorization;
  if (typeof header === "string" && header.startsWith("Basic ")) {
    const [id] = Buffer.from(header.slice(6), "base64").toString("utf8").split(":");
    return id ? decodeURIComponent(id) : undefined;
  }
  const body = req.body as { client_id?: string } | undefined;
  return body?.client_id;
}

/** What each provider documents in its ID token for a school account with a verified address. */
export function documentedClaims(kind: ProviderKind, email: string): Record<string, unknown> {
  const [given = "Pat", family = "Teacher"] = email.split("@")[0]?.split(".") ?? [];
  const sub = `${kind}-${Buffer.from(email).toString("hex").slice(0, 24)}`;
  switch (kind) {
    case "google":
      return { sub, email, email_verified: true, hd: email.split("@")[1], name: `${given} ${family}` };
    case "microsoft-entra-id":
      // No email_verified for work accounts; xms_edov (optional claim) vouches for the domain.
      return { sub, email, xms_edov: true, tid: SSO_ENTRA_TENANT_ID, preferred_username: email, name: given };
    case "clever":
      return {
        sub,
        email,
        email_verified: true, // false unless the district asks Clever Support
        user_type: "teacher",
        district: "5b2ad81a709e300001e2cd7a",
        multi_role_user_id: sub,
        given_name: given,
        family_name: family,
      };
    case "classlink":
    case "oidc":
      return { sub, email, email_verified: true, given_name: given, family_name: family };
  }
}
