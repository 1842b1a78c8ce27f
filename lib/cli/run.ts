// The CLI process's entry (bin/rostersync.js loads it compiled from dist/cli, or from the sources
// through tsx): log lines go to stderr, because stdout is the command's answer (a table, JSON, a CSV).
import { captureLog } from "@/lib/log";
import { main } from "./main";

/** Runs one command and answers its exit code (main.ts). */
export async function runCli(argv: string[]): Promise<number> {
  captureLog((line) => process.stderr.write(line));
  return main(argv);
}
