// For .ci/run on PGlite: after `npm run test:reliability` there, the rest of the tests run
// without the reliability ones, so nothing runs twice on one database.
//   tsx scripts/reliability/ci-split.ts vitest      → --exclude=<glob> arguments
//   tsx scripts/reliability/ci-split.ts playwright  → the browser spec files no area names

import { readdirSync } from "node:fs";
import { otherSpecs, vitestExcludes } from "./report";

const kind = process.argv[2];
if (kind === "vitest") {
  console.log(
    vitestExcludes()
      .map((glob) => `--exclude=${glob}`)
      .join(" "),
  );
} else if (kind === "playwright") {
  const specs = readdirSync("e2e")
    .filter((name) => name.endsWith(".spec.ts"))
    .map((name) => `e2e/${name}`)
    .sort();
  console.log(otherSpecs(specs).join(" "));
} else {
  console.error("usage: tsx scripts/reliability/ci-split.ts vitest|playwright");
  process.exit(2);
}
