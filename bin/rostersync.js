#!/usr/bin/env node
// The operator CLI: `npx rostersync <command>`. Runs the compiled CLI (dist/cli, built at install
// by `prepare`) when it is newer than its sources, else the TypeScript sources through tsx.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshBundle } from "./cli-bundle.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.ROSTERSYNC_ROOT ??= root;
// `rostersync export … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const bundle = freshBundle(root);
let runCli;
if (bundle) {
  ({ runCli } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: path.join(root, "tsconfig.json") });
  ({ runCli } = await import("../lib/cli/run.ts"));
}
process.exitCode = await runCli(process.argv.slice(2));
