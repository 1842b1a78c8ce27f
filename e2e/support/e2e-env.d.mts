export declare const CRON_SECRET: string;
export declare const dropRootFor: (port: string | number) => string;
export declare const pgliteDirFor: (port: string | number) => string;
export declare const serverDirFor: (port: string | number) => string;
export declare const serverLogFor: (port: string | number) => string;
export declare const serverTmpFor: (port: string | number) => string;

export declare function serverEnvFor(port: string | number, base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export declare const ssoIssuerPortFor: (port: string | number) => number;
export declare const ssoIssuerFor: (port: string | number) => string;
export declare const SSO_CLIENT_IDS: Record<"google" | "microsoft-entra-id" | "clever" | "classlink" | "oidc", string>;
export declare const SSO_ENTRA_TENANT_ID: string;
export declare const A11Y_ORGANIZATION: { name: string; slug: string; adminEmail: string };
