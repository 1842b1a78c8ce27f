// Before the browser tests: use Debian's Chromium when it is installed; otherwise make sure
// Playwright's own Chromium is there (downloads it once on a normal machine).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!process.env.CHROMIUM_PATH && !existsSync("/usr/bin/chromium")) {
  const result = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(
      "No Chromium: install Debian's (apt-get install -y chromium) or let `npx playwright install chromium` finish.",
    );
    process.exit(result.status ?? 1);
  }
}
