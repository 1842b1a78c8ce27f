// Pure: an organization's roster as sorted lines per entity (natural keys only, no database
// ids or times), and the differences between two of them.

/** entity → one line per record, sorted. */
export type CanonicalRoster = Record<string, string[]>;

/** Builds a canonical roster from records: each record becomes its JSON text; lines are sorted. */
export function canonicalRoster(entities: Record<string, readonly object[]>): CanonicalRoster {
  const roster: CanonicalRoster = {};
  for (const [entity, records] of Object.entries(entities)) {
    roster[entity] = records.map((record) => JSON.stringify(record)).sort();
  }
  return roster;
}

/**
 * What differs between `expected` and `actual`, one message per entity that differs (with up to
 * `examples` records only in one of them). Empty when they are equal.
 */
export function rosterDifferences(expected: CanonicalRoster, actual: CanonicalRoster, examples = 3): string[] {
  const messages: string[] = [];
  const entities = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const entity of entities) {
    const want = new Set(expected[entity] ?? []);
    const got = new Set(actual[entity] ?? []);
    const missing = [...want].filter((line) => !got.has(line));
    const extra = [...got].filter((line) => !want.has(line));
    if (missing.length === 0 && extra.length === 0) continue;
    const show = (lines: string[]) => lines.slice(0, examples).join(", ") + (lines.length > examples ? ", …" : "");
    messages.push(
      `${entity}: ${missing.length} expected record(s) missing${missing.length ? ` (${show(missing)})` : ""}; ` +
        `${extra.length} unexpected${extra.length ? ` (${show(extra)})` : ""}`,
    );
  }
  return messages;
}
