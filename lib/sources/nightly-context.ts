import { env } from "@/lib/env";
import { DEFAULT_READ_LIMITS } from "@/lib/import/types";
import { credentialKey } from "./credential-cipher";
import { downloadUrl } from "./download-url";

// What a nightly pass needs from outside: the clock, the drop root, the downloader. Tests inject
// their own; the cron route and `rostersync cron` take them from the environment.

export type NightlyContext = {
  now: () => Date;
  dropRoot: string | undefined;
  /** A drop-folder file modified more recently than this is still being written; the next pass takes it. */
  settleMs: number;
  /** How long a pull holds its source; a pass that died lets go when it runs out. */
  leaseMs: number;
  maxBytes: number;
  download: typeof downloadUrl;
  allowPrivateNetwork: boolean;
  credentialKey: () => Buffer;
};

export const SETTLE_SECONDS = 60;
export const LEASE_MINUTES = 30;

export function nightlyContextFromEnv(overrides: Partial<NightlyContext> = {}): NightlyContext {
  return {
    now: () => new Date(),
    dropRoot: env.NIGHTLY_DROP_ROOT,
    settleMs: SETTLE_SECONDS * 1000,
    leaseMs: LEASE_MINUTES * 60_000,
    maxBytes: DEFAULT_READ_LIMITS.maxBytes,
    download: downloadUrl,
    allowPrivateNetwork: env.NIGHTLY_URL_ALLOW_PRIVATE_NETWORK === "1",
    credentialKey,
    ...overrides,
  };
}
