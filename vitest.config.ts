import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = {
  "@": root,
  // "server-only" throws outside React Server Components; tests run server code directly.
  "server-only": path.join(root, "tests/support/empty-module.ts"),
};

// Unit tests sit next to pure code (*.test.ts); integration tests hit a real database
// (*.int.test.ts): PostgreSQL when DATABASE_URL is set, else embedded PGlite.
export default defineConfig({
  test: {
    // Vitest leaves a core free by default (one worker on our 2-core machines); integration tests
    // spend much of their time waiting on the database, so every core runs a test file.
    maxWorkers: os.availableParallelism(),
    // tests/faults kills a PostgreSQL backend mid-apply. postgres.js 3.4.9 then throws an uncaught
    // TypeError from a write it scheduled before the close (porsager/postgres#1154, #1208; fixes
    // open upstream). The query itself was already rejected with CONNECTION_CLOSED and the test
    // checks everything the import must do; only that one known signature is not counted. In a
    // server process Next logs it and keeps serving: see README "Reliability and security".
    onUnhandledError(error) {
      const known =
        /reading 'write'/.test(error.message ?? "") && /postgres\/src\/connection\.js/.test(error.stack ?? "");
      return known ? false : undefined;
    },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,db,app,components,scripts}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{lib,db,app,tests}/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/pglite-template.ts"],
          setupFiles: ["tests/support/database-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
