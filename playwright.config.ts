import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium when installed (CI, these machines); Playwright's own browser elsewhere.
const systemChromium = "/usr/bin/chromium";
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(systemChromium) ? systemChromium : undefined);
const port = Number(process.env.E2E_PORT ?? 3210);
// "localhost", not 127.0.0.1: Next reports every loopback address as localhost, so Auth.js
// links and cookies are for localhost.
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "./e2e",
  // Traces and screenshots of failed tests (the preview, Import Details…) land here.
  outputDir: "./e2e/artifacts",
  fullyParallel: false,
  workers: 1, // one server, one embedded database: specs share the demo organization
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [
    ["list"],
    ...(process.env.CI ? [] : [["html", { open: "never" }] as const]),
    // npm run test:reliability reads the outcomes from here (scripts/reliability/run.ts).
    ...(process.env.PLAYWRIGHT_JSON_FILE ? [["json", { outputFile: process.env.PLAYWRIGHT_JSON_FILE }] as const] : []),
  ],
  timeout: 60_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `node e2e/support/start-server.mjs ${port}`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
