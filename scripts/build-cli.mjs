// `npm run build:cli` (also run by `npm install` / `npm ci` through `prepare`, and by `npm run
// build`): compiles the CLI ahead of time with esbuild into dist/cli, so `npx rostersync` starts
// without compiling TypeScript (bin/rostersync.js; docs/performance.md "CLI start-up"). Packages
// stay in node_modules; only the project's own modules are bundled. The spreadsheet worker is a
// second entry beside it (lib/import/read-off-thread.ts starts it from there).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BUNDLE_DIR, MANIFEST } from "../bin/cli-bundle.js";

/** Packages left in node_modules: they load files of their own at run time (WASM, workers). */
const EXTERNAL = ["@electric-sql/pglite", "@electric-sql/pglite/*", "esbuild", "tsx", "tsx/*"];

const BANNER = `import { createRequire as __createRequire } from "node:module";
import { fileURLToPath as __fileURLToPath } from "node:url";
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __filename.replace(/[\\\\/][^\\\\/]*$/, "");`;

/**
 * Builds the CLI into `outdir` and writes its manifest last (bin/cli-bundle.js).
 * @param {string} root
 * @param {string} [outdir]
 */
export async function buildCli(root, outdir = path.join(root, BUNDLE_DIR)) {
  const startedAt = Date.now();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { rostersync: "lib/cli/run.ts", "spreadsheet-worker": "lib/import/spreadsheet-worker.ts" },
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true, // each command stays its own chunk, loaded when it runs
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    // CommonJS packages bundled into ES modules still call require() for Node's own modules and
    // read __dirname.
    banner: { js: BANNER },
    tsconfig: path.join(root, "tsconfig.json"),
    metafile: true,
    logLevel: "warning",
  });
  // Every file the bundle was made from, and what decides how it was made.
  const sources = [...Object.keys(result.metafile.inputs), "tsconfig.json", "scripts/build-cli.mjs"];
  writeFileSync(path.join(outdir, MANIFEST), `${JSON.stringify({ startedAt, sources }, null, 1)}\n`);
  return { outdir, sources };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const started = performance.now();
  const { outdir, sources } = await buildCli(root);
  const took = Math.round(performance.now() - started);
  process.stdout.write(`CLI compiled into ${path.relative(root, outdir)} (${sources.length} sources, ${took} ms)\n`);
}
