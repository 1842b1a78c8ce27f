#!/usr/bin/env node
// The operator CLI: `npx rostersync <command>`. Runs the TypeScript sources through tsx.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.ROSTERSYNC_ROOT ??= root;
// `rostersync export … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
register({ tsconfig: path.join(root, "tsconfig.json") });
// The CLI's stdout is its answer (a table, JSON, a CSV): log lines go to stderr.
const { captureLog } = await import("../lib/log.ts");
captureLog((line) => process.stderr.write(line));
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
