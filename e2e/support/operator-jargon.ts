// What an admin page never shows (issue 18): the operator's words. Environment variable names,
// key-making commands, hash names and CLI commands belong in the README and the operator's docs.
// The settings e2e checks pages against this list; so does the spec that walks every admin page.

export const OPERATOR_JARGON: ReadonlyArray<[what: string, pattern: RegExp]> = [
  ["an environment variable name", /\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b/],
  ["a shell variable", /\$[A-Z][A-Z0-9_]+/],
  ["openssl", /\bopenssl\b/i],
  ["a hash name", /\bSHA-?(1|256|512)\b/i],
  ["a hash (hex digits)", /\b[0-9a-f]{16,}\b/],
  ["npx or npm", /\b(npx|npm run)\b/],
  [
    "a rostersync CLI command",
    /\brostersync\s+(import|export|cron|apply|discard|undo|imports|outbox|forget|env:|db:|org:|admin:)/i,
  ],
  ["a command-line option", /(^|\s)--[a-z][a-z-]+/],
  ["curl", /\bcurl\b/],
];

/** The jargon found in a page's text, as "what: the text matched". */
export function jargonIn(text: string): string[] {
  return OPERATOR_JARGON.flatMap(([what, pattern]) => {
    const match = pattern.exec(text);
    return match ? [`${what}: ${match[0]}`] : [];
  });
}
