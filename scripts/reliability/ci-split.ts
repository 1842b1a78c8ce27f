// For .ci/run on PGlite: after `npm run test:reliability` there, the rest of the tests run
// without the reliability ones, so nothing runs twice on one database.
//   tsx scripts/reliability/ci-split.ts vitest      → --exclude=<glob> arguments
//   tsx scripts/reliability/ci-split.ts playwright  → the browser spec files no area names

import { readdirSync } from "node:fs";
import { otherSpecs, vitestExcludes } from "./report";

/**
 * Specs that check the pages themselves (axe at three widths, the admin's wording), not what the
 * database does: the PostgreSQL run covers them, and they are the longest to run twice.
 */
const PAGES_ONLY = new Set(["accessibility.spec.ts", "admin-language.spec.ts"]);

const kind = process.argv[2];
if (kind === "vitest") {
  console.log(
    vitestExcludes()
      .map((glob) => `--exclude=${glob}`)
      .join(" "),
  );
} else if (kind === "playwright") {
  const specs = readdirSync("e2e")
    .filter((name) => name.endsWith(".spec.ts") && !PAGES_ONLY.has(name))
    .map((name) => `e2e/${name}`)
    .sort();
  console.log(otherSpecs(specs).join(" "));
} else {
  console.error("usage: tsx scripts/reliability/ci-split.ts vitest|playwright");
  process.exit(2);
}
