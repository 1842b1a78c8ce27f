import { describe, expect, it } from "vitest";
import { cli, cliDatabasePerFile } from "@/tests/support/cli";
import { sendMail } from "@/lib/mail/send-mail";
import { unique } from "@/tests/support/factories";

// `npx rostersync …` as the operator runs it: a child process on this file's database. An
// embedded data dir opens in one process at a time, so on PGlite the test closes its own
// handle before each run (and the next query reopens it).

cliDatabasePerFile();

describe("rostersync CLI", () => {
  const slug = `cli-${unique()}`;

  it("org:create --json prints exactly one JSON object", async () => {
    const result = await cli(
      "org:create",
      "--name",
      "CLI District",
      "--slug",
      slug,
      "--admin",
      "Boss@CLI.test",
      "--json",
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      organization: { name: "CLI District", slug, timeZone: "America/Chicago" },
      admin: { email: "boss@cli.test" },
    });
  });

  it("refuses a taken slug with exit 1 and a JSON error", async () => {
    const result = await cli("org:create", "--name", "Again", "--slug", slug, "--admin", "x@cli.test", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { code: "slug_taken", message: `An organization with slug "${slug}" already exists` },
    });
  });

  it("admin:add adds an admin; bad usage exits 2 and names the missing option", async () => {
    const added = await cli("admin:add", "--org", slug, "--email", "second@cli.test", "--json");
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual({
      organization: { slug },
      admin: { email: "second@cli.test" },
      created: true,
    });

    const missing = await cli("admin:add", "--org", slug);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("Missing --email");
    expect(missing.stderr).toContain("Usage: rostersync admin:add --org SLUG --email EMAIL");

    const unknown = await cli("frobnicate", "--json");
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error.code).toBe("usage");
  });

  it("outbox prints the newest mail to an address and its link", async () => {
    const to = `reader-${unique()}@cli.test`;
    await sendMail({ to, subject: "Older", text: "https://rs.test/old", category: "sign-in" });
    await sendMail({
      to,
      subject: "Newest",
      text: "Open https://rs.test/sign-in/confirm?token=t1 now",
      category: "sign-in",
    });
    const result = await cli("outbox", "--to", to, "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      to,
      subject: "Newest",
      link: "https://rs.test/sign-in/confirm?token=t1",
    });

    const human = await cli("outbox", "--to", to);
    expect(human.stdout).toContain("Link:    https://rs.test/sign-in/confirm?token=t1");

    const none = await cli("outbox", "--to", `nobody-${unique()}@cli.test`, "--json");
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout).error.code).toBe("outbox_empty");
  });
});
