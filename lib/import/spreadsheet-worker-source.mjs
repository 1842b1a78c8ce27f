// Starts the spreadsheet worker from the TypeScript sources (vitest, the CLI through tsx): Node
// cannot run TypeScript by itself, so tsx is registered in this thread first. A `next build`
// bundles spreadsheet-worker.ts instead and never loads this file.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
await import("./spreadsheet-worker.ts");
