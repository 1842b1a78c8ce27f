/** Where a CLI command writes: with --json, stdout gets exactly one JSON object. */
export type CliOutput = {
  json: boolean;
  /** The command's result: a JSON object with --json, else the human lines. */
  result: (value: Record<string, unknown>, human: string[]) => void;
  /** Progress and notes for humans; stderr, so stdout stays clean. */
  note: (line: string) => void;
};

type Writable = { write: (chunk: string) => unknown };

export function createOutput(json: boolean, out: Writable = process.stdout, err: Writable = process.stderr): CliOutput {
  return {
    json,
    result(value, human) {
      out.write(json ? `${JSON.stringify(value)}\n` : `${human.join("\n")}\n`);
    },
    note(line) {
      err.write(`${line}\n`);
    },
  };
}
