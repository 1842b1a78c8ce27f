// Pure figures of the load test: nearest-rank percentiles and a summary per request kind.

/**
 * One request as the load test saw it: how long it took (null when it never got an answer:
 * refused, reset, timed out) and whether it counts as an error.
 */
export type Sample = { ms: number | null; error: boolean };

export type KindSummary = {
  requests: number;
  errors: number;
  /** errors / requests (0 when there were no requests). */
  errorRate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  perSecond: number;
};

/**
 * The nearest-rank percentile of ascending `sorted` values: the smallest value with at least
 * `p` % of the values at or below it. Null for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** Latency percentiles (of every answered request, errors included), count and error rate. */
export function summarize(samples: readonly Sample[], seconds: number): KindSummary {
  const sorted = samples.flatMap((s) => (s.ms === null ? [] : [s.ms])).sort((a, b) => a - b);
  const errors = samples.filter((s) => s.error).length;
  return {
    requests: samples.length,
    errors,
    errorRate: samples.length === 0 ? 0 : errors / samples.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? null,
    perSecond: seconds > 0 ? samples.length / seconds : 0,
  };
}

/** `under / baseline`, or null when either is missing or the baseline is zero. */
export function ratio(under: number | null, baseline: number | null): number | null {
  return under === null || baseline === null || baseline === 0 ? null : under / baseline;
}
