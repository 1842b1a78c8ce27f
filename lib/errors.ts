/**
 * An expected failure whose message is written for the person who caused it (an admin, the
 * operator at the CLI): show it as it is. Anything else is logged and shown generically.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

/**
 * An error as it may be logged: each error of the cause chain by name, code and message, without
 * the values a failed query was sent (Drizzle puts them in its message after "params:", and they
 * hold roster names and emails) and without the stack of such a message. Server logs must not
 * carry district data (docs/decisions.md "Issue messages and personal data").
 */
export function loggableError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (!(current instanceof Error)) {
      parts.push(String(current).slice(0, 500));
      break;
    }
    const code = (current as { code?: unknown }).code;
    const message = withoutParams(current.message);
    parts.push(`${current.name}${typeof code === "string" ? ` [${code}]` : ""}: ${message}`);
    if (current.cause === undefined) {
      const frames = (current.stack ?? "")
        .split("\n")
        .filter((line) => /^\s+at /.test(line))
        .slice(0, 8);
      if (frames.length > 0) parts.push(frames.join("\n"));
    }
    current = current.cause;
  }
  return parts.join("\ncaused by ");
}

const withoutParams = (message: string) => message.replace(/\s*params:[\s\S]*$/, " (query values not logged)");
