import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Authorization lives in the server code of every page, action and route, not only in a layout:
// a layout does not run for every request (client navigation, server actions). This walks the
// route groups so a new file that forgets its guard fails here.

const appDir = path.dirname(new URL(import.meta.url).pathname);

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : serverFiles(full);
    return /^(page|route)\.tsx?$|^actions\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe.each([
  ["(admin)", "requireAdmin"],
  ["(staff)", "requireStaff"],
])("every server file under app/%s", (group, guard) => {
  const files = serverFiles(path.join(appDir, group));

  it("exists", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [path.relative(appDir, f)]))(`%s awaits ${guard}()`, (file) => {
    const source = readFileSync(path.join(appDir, file), "utf8");
    // Admin actions are written with adminAction / adminFormAction (lib/admin-action.ts), which
    // await requireAdmin() before anything else: every export must be one of them.
    if (guard === "requireAdmin" && file.endsWith("actions.ts") && !/await requireAdmin\(\)/.test(source)) {
      const exports = [...source.matchAll(/^export (?:async function|const) (\w+)(.*)$/gm)];
      expect(exports.length, file).toBeGreaterThan(0);
      for (const [, name, rest] of exports) expect(rest, `${file}: ${name}`).toMatch(/= admin(Form)?Action\b/);
      return;
    }
    // Route handlers may use the variant that answers 401/404 instead of redirecting.
    const guards = file.endsWith("route.ts") ? `(${guard}|${guard}ForRoute)` : guard;
    expect(source).toMatch(new RegExp(`await ${guards}\\(\\)`));
  });
});
