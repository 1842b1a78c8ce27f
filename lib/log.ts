import pino, { type Logger } from "pino";
import { loggableError } from "./errors";

// The one logger of the server and the CLI: JSON lines (pino) with personal data taken out before
// a line is written. Server logs must not carry district data (docs/decisions.md "Issue messages
// and personal data"), so every value passes `redact` first:
// - a field whose name says it holds a person (email, name, to, firstName…) or a query's values
//   (params, query, search, q) is replaced by "[redacted]";
// - an error becomes its cause chain by name, code and message (lib/errors.ts loggableError),
//   without the values a failed query was sent;
// - in every string, an email address becomes "[email]", a URL loses its query string, and a
//   PostgreSQL "Key (column)=(value)" detail loses its value.
// Use `log.error("what failed", { organizationId, error })`, never console.*.

export const REDACTED = "[redacted]";

/** Field names (lower case, without _ or -) whose values are never logged. */
const PERSONAL_KEYS = new Set([
  "email",
  "emails",
  "to",
  "from",
  "cc",
  "bcc",
  "recipient",
  "recipients",
  "name",
  "names",
  "firstname",
  "lastname",
  "middlename",
  "preferredname",
  "fullname",
  "displayname",
  "inviter",
  "params",
  "parameters",
  "query",
  "search",
  "q",
  "body",
  "text",
  "html",
  "subject",
  "token",
  "password",
  "secret",
  "authorization",
  "cookie",
]);

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL_QUERY = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi;
const KEY_DETAIL = /(Key \([^)]*\)=)\([^)]*\)/g;
const PARAMS_TAIL = /\s*params:[\s\S]*$/;
// PostgreSQL quotes the value it could not take: invalid input syntax for type uuid: "…".
const QUOTED_INPUT = /(invalid input (?:syntax|value) for [^:"]*: )"[^"]*"/g;

/** A string as it may be logged: no email address, no URL query string, no key value, no params. */
export function redactText(text: string): string {
  return text
    .replace(PARAMS_TAIL, " (query values not logged)")
    .replace(KEY_DETAIL, "$1([redacted])")
    .replace(QUOTED_INPUT, '$1"[redacted]"')
    .replace(URL_QUERY, "$1?[redacted]")
    .replace(EMAIL, "[email]");
}

const personalKey = (key: string) => PERSONAL_KEYS.has(key.toLowerCase().replace(/[_-]/g, ""));

/** A value as it may be logged (see the top of this file). */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 6) return "[nested]";
  if (value instanceof Error) return redactText(loggableError(value));
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = personalKey(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}

type Sink = (line: string) => void;
const writeStdout: Sink = (line) => {
  process.stdout.write(line);
};
let sink: Sink = writeStdout;

/**
 * Sends every line to `capture` instead of stdout until the returned function is called. For
 * tests that check what was logged (tests/privacy).
 */
export function captureLog(capture: Sink): () => void {
  sink = capture;
  return () => {
    sink = writeStdout;
  };
}

const level = (process.env.LOG_LEVEL ?? "info").toLowerCase();

const base: Logger = pino(
  {
    level: ["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(level) ? level : "info",
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  { write: (line: string) => sink(line) },
);

type Fields = Record<string, unknown>;

function write(method: "error" | "warn" | "info" | "debug", message: string, fields?: Fields) {
  const safe = fields ? (redact(fields) as Fields) : {};
  base[method](safe, redactText(message));
}

export const log = {
  error: (message: string, fields?: Fields) => write("error", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  info: (message: string, fields?: Fields) => write("info", message, fields),
  debug: (message: string, fields?: Fields) => write("debug", message, fields),
};

/** A short id that ties a generic message shown to a user to the line logged for it. */
export function errorReference(): string {
  return crypto.randomUUID().slice(0, 8);
}
