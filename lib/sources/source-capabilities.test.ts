import { describe, expect, it } from "vitest";
import { NOT_ENABLED, sourceCapabilities } from "./source-capabilities";

describe("sourceCapabilities", () => {
  it("offers drop folders, credentials and the schedule only when the server has what they need", () => {
    expect(sourceCapabilities({})).toEqual({ dropFolders: false, credentials: false, scheduled: false });
    expect(
      sourceCapabilities({ NIGHTLY_DROP_ROOT: "/srv/drop", SOURCE_CREDENTIALS_KEY: "k", CRON_SECRET: "s" }),
    ).toEqual({ dropFolders: true, credentials: true, scheduled: true });
    expect(sourceCapabilities({ NIGHTLY_DROP_ROOT: "" }).dropFolders).toBe(false);
  });

  it("explains a missing option in one plain sentence: no settings, commands or key formats", () => {
    for (const sentence of Object.values(NOT_ENABLED)) {
      expect(sentence).toMatch(/^Your RosterSync operator has not /);
      expect(sentence).not.toMatch(/[A-Z]{2,}_[A-Z]|openssl|base64|SHA-256|npx|rostersync /);
    }
  });
});
