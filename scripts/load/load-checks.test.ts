import { describe, expect, it } from "vitest";
import { canonicalRoster, rosterDifferences } from "./compare-rosters";
import { appliedFiles, overtakenUnchanged } from "./import-order";
import { checkServerLog } from "./server-log";
import { percentile, ratio, summarize } from "./stats";

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it("answers the smallest value with p % at or below it", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 95)).toBe(30);
    expect(percentile([7], 1)).toBe(7);
  });

  it("answers null for no values and refuses a percentile outside (0, 100]", () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("sorts the latencies, counts errors (unanswered ones too) and the rate", () => {
    const summary = summarize(
      [
        { ms: 30, error: false },
        { ms: 10, error: false },
        { ms: null, error: true },
        { ms: 20, error: true },
      ],
      2,
    );
    expect(summary).toEqual({
      requests: 4,
      errors: 2,
      errorRate: 0.5,
      p50: 20,
      p95: 30,
      p99: 30,
      max: 30,
      perSecond: 2,
    });
  });

  it("is all zeros and nulls for no samples", () => {
    expect(summarize([], 0)).toEqual({
      requests: 0,
      errors: 0,
      errorRate: 0,
      p50: null,
      p95: null,
      p99: null,
      max: null,
      perSecond: 0,
    });
  });

  it("gives a ratio only when both sides are known", () => {
    expect(ratio(300, 100)).toBe(3);
    expect(ratio(null, 100)).toBeNull();
    expect(ratio(300, 0)).toBeNull();
  });
});

describe("rosterDifferences", () => {
  const roster = (students: object[]) => canonicalRoster({ classes: [{ classId: "C1", active: true }], students });

  it("finds none when the same records come in another order", () => {
    const a = roster([
      { studentId: "S1", active: true },
      { studentId: "S2", active: false },
    ]);
    const b = roster([
      { studentId: "S2", active: false },
      { studentId: "S1", active: true },
    ]);
    expect(rosterDifferences(a, b)).toEqual([]);
  });

  it("names the entity and the records that differ, an active flag included", () => {
    const expected = roster([
      { studentId: "S1", active: true },
      { studentId: "S2", active: true },
    ]);
    const actual = roster([
      { studentId: "S1", active: true },
      { studentId: "S2", active: false },
    ]);
    expect(rosterDifferences(expected, actual)).toEqual([
      'students: 1 expected record(s) missing ({"studentId":"S2","active":true}); 1 unexpected ({"studentId":"S2","active":false})',
    ]);
  });

  it("notices an entity only one side has, and cuts the examples", () => {
    const expected = canonicalRoster({ staff: [{ email: "a" }, { email: "b" }, { email: "c" }] });
    expect(rosterDifferences(expected, {}, 2)).toEqual([
      'staff: 3 expected record(s) missing ({"email":"a"}, {"email":"b"}, …); 0 unexpected',
    ]);
  });
});

describe("import order", () => {
  const i = (id: string, status: string, sha256: string) => ({ id, status, sha256 });

  it("replays the applied files in order, skipping the rest", () => {
    expect(
      appliedFiles([
        i("1", "applied", "a"),
        i("2", "unchanged", "a"),
        i("3", "failed", "b"),
        i("4", "applied_with_errors", "b"),
      ]),
    ).toEqual(["a", "b"]);
  });

  it("finds an unchanged answer of a file other than the one applied last before it", () => {
    const imports = [
      i("1", "applied", "a"),
      i("2", "unchanged", "a"),
      i("3", "applied", "b"),
      i("4", "unchanged", "a"),
      i("5", "unchanged", "b"),
    ];
    expect(overtakenUnchanged(imports)).toEqual([i("4", "unchanged", "a")]);
    expect(overtakenUnchanged([i("1", "unchanged", "a")])).toEqual([i("1", "unchanged", "a")]);
  });
});

describe("checkServerLog", () => {
  const resetBlock = [
    "failed to get redirect response TypeError: fetch failed",
    "    at async node:internal/deps/undici/undici:13502:13",
    "  [cause]: Error: read ECONNRESET",
    "      at TCP.onStreamRead (node:internal/stream_base_commons:218:20) {",
    "    errno: -104,",
    "    code: 'ECONNRESET',",
    "  }",
    "}",
  ];

  it("counts warnings and errors of the logger and error-like lines of anything else", () => {
    const log = [
      '{"level":"info","msg":"worker started","queues":["import-failed"]}',
      '{"level":"warn","msg":"slow beat"}',
      '{"level":50,"msg":"import failed"}',
      "▲ Next.js 16",
      "Error: something broke",
    ].join("\n");
    expect(checkServerLog(log)).toEqual({
      problems: ['{"level":"warn","msg":"slow beat"}', '{"level":50,"msg":"import failed"}', "Error: something broke"],
      redirectFetchResets: 0,
    });
  });

  it("leaves out Next's reset redirect fetch with its printed error, and nothing after it", () => {
    const log = [...resetBlock, "Error: the next one counts"].join("\n");
    expect(checkServerLog(log)).toEqual({ problems: ["Error: the next one counts"], redirectFetchResets: 1 });
  });

  it("counts the same message with any other cause", () => {
    const log = [
      "failed to get redirect response TypeError: fetch failed",
      "  [cause]: Error: connect ECONNREFUSED",
    ].join("\n");
    expect(checkServerLog(log).problems).toHaveLength(2);
    expect(checkServerLog(log).redirectFetchResets).toBe(0);
  });
});
