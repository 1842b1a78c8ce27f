import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { UserFacingError } from "@/lib/errors";
import { UsageError, type Command } from "./command";
import { log } from "@/lib/log";
import { createOutput, type CliOutput } from "./output";

const commands: Record<string, () => Promise<Command>> = {
  "org:create": async () => (await import("./commands/org-create")).orgCreate,
  "org:delete": async () => (await import("./commands/org-delete")).orgDelete,
  forget: async () => (await import("./commands/forget")).forgetCommand,
  "admin:add": async () => (await import("./commands/admin-add")).adminAdd,
  outbox: async () => (await import("./commands/outbox")).outbox,
  import: async () => (await import("./commands/import")).importCommand,
  apply: async () => (await import("./commands/decide")).applyCommand,
  discard: async () => (await import("./commands/decide")).discardCommand,
  undo: async () => (await import("./commands/undo")).undoCommand,
  export: async () => (await import("./commands/export")).exportCommand,
  imports: async () => (await import("./commands/imports")).importsCommand,
  cron: async () => (await import("./commands/cron")).cronCommand,
  "source:add": async () => (await import("./commands/source-add")).sourceAdd,
  "source:list": async () => (await import("./commands/source-list")).sourceList,
  worker: async () => (await import("./commands/worker")).workerCommand,
  "db:migrate": async () => (await import("./commands/db-migrate")).dbMigrate,
  "db:seed": async () => (await import("./commands/db-seed")).dbSeed,
  "env:init": async () => (await import("./commands/env-init")).envInit,
};

async function help(): Promise<string> {
  const lines = ["Usage: rostersync <command> [options]", "", "Commands:"];
  for (const load of Object.values(commands)) {
    const command = await load();
    lines.push(`  ${command.usage}`, `      ${command.summary}`);
  }
  lines.push("", "Add --json to get exactly one JSON object on stdout.");
  return lines.join("\n");
}

/** Runs one CLI command and answers its exit code: 0 done, 1 failed, 2 bad usage. */
export async function main(argv: string[]): Promise<number> {
  nextEnv.loadEnvConfig(process.env.ROSTERSYNC_ROOT ?? process.cwd(), false, { info: () => {}, error: console.error });
  const [name, ...rest] = argv;
  const json = rest.includes("--json");
  const out = createOutput(json);
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${await help()}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    return fail(out, 2, "usage", `Unknown command "${name}". Run "rostersync help" for the list.`);
  }
  const command = await load();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: "boolean" } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    return fail(out, 2, "usage", `${(error as Error).message}\nUsage: rostersync ${command.usage}`);
  }
  try {
    const values = parsed.values as Record<string, string | boolean | undefined>; // no option is "multiple"
    return await command.run({ values, positionals: parsed.positionals, out });
  } catch (error) {
    if (error instanceof UsageError)
      return fail(out, 2, "usage", `${error.message}\nUsage: rostersync ${command.usage}`);
    if (error instanceof UserFacingError) return fail(out, 1, error.code, error.message);
    log.error("command failed", { command: command.usage.split(" ")[0], error });
    return fail(out, 1, "internal", `Unexpected error: ${(error as Error).message ?? String(error)}`);
  } finally {
    // The job queue, when this command started it (a worker, or an import it queued).
    if ((globalThis as { __rostersyncBoss?: unknown }).__rostersyncBoss) {
      const { stopBoss } = await import("@/lib/jobs/boss");
      await stopBoss();
    }
    const { closeDb } = await import("@/db/client");
    await closeDb();
  }
}

function fail(out: CliOutput, exitCode: number, code: string, message: string): number {
  if (out.json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  else process.stderr.write(`rostersync: ${message}\n`);
  return exitCode;
}
