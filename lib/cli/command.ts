import type { ParseArgsConfig } from "node:util";
import type { CliOutput } from "./output";

/** One CLI command: main.ts parses its options and runs it; each file in commands/ exports one. */
export type Command = {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  allowPositionals?: boolean;
  run: (args: {
    values: Record<string, string | boolean | undefined>;
    positionals: string[];
    out: CliOutput;
  }) => Promise<number>;
};

/** Bad usage: exit code 2 with the command's usage line. */
export class UsageError extends Error {}

/** The value of a required string option, or a UsageError naming it. */
export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`Missing --${name}`);
  return value;
}
