import { describe, expect, it } from "vitest";
import { createOutput } from "./output";

function sink() {
  let text = "";
  return { stream: { write: (chunk: string) => (text += chunk) }, read: () => text };
}

describe("createOutput", () => {
  it("with --json writes exactly one JSON object on stdout and notes on stderr", () => {
    const out = sink();
    const err = sink();
    const output = createOutput(true, out.stream, err.stream);
    output.note("working…");
    output.result({ ok: true, n: 1 }, ["human line"]);
    expect(out.read()).toBe('{"ok":true,"n":1}\n');
    expect(JSON.parse(out.read())).toEqual({ ok: true, n: 1 });
    expect(err.read()).toBe("working…\n");
  });

  it("without --json writes the human lines", () => {
    const out = sink();
    createOutput(false, out.stream, sink().stream).result({ ok: true }, ["one", "two"]);
    expect(out.read()).toBe("one\ntwo\n");
  });
});
