// What the load test counts as a problem in the server's log. A good run logs nothing but its
// start: the server's own lines are pino's JSON and count from level "warn" up (an info line may
// name the "import-failed" queue); any other line counts when it reads like an error.
//
// One message of Next.js's is known and left out, and counted apart: when a server action
// redirects (Apply, Discard), Next fetches the page it redirects to from its own server so the
// answer can carry it; when that fetch fails it logs "failed to get redirect response" with the
// error and answers with a plain redirect, which the browser follows (nothing is lost or shown).
// Under load on embedded PGlite, whose statements hold the server's one thread for seconds, the
// fetch can pick a kept-alive connection the server has just closed (ECONNRESET). Only that
// message with that cause is left out; its printed error (the indented lines after it) with it.

export type ServerLogCheck = { problems: string[]; redirectFetchResets: number };

const REDIRECT_FETCH = "failed to get redirect response";

export function checkServerLog(text: string): ServerLogCheck {
  const lines = text.split("\n");
  const problems: string[] = [];
  let redirectFetchResets = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (line.startsWith(REDIRECT_FETCH)) {
      let end = i + 1;
      while (end < lines.length && /^(\s|})/.test(lines[end] as string)) end += 1;
      const block = lines.slice(i, end);
      if (block.some((l) => /ECONNRESET/.test(l))) {
        redirectFetchResets += 1;
        i = end - 1;
        continue;
      }
    }
    if (isProblem(line)) problems.push(line);
  }
  return { problems, redirectFetchResets };
}

function isProblem(line: string): boolean {
  try {
    const level = (JSON.parse(line) as { level?: unknown }).level;
    if (typeof level === "string" || typeof level === "number")
      return !["trace", "debug", "info", 10, 20, 30].includes(level);
  } catch {
    // not one of the logger's lines
  }
  return /error|fail|uncaught|warn/i.test(line);
}
