import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "../command";

/** Writes .env.local with a fresh AUTH_SECRET when it has none, so `npm run demo` just works. */
export const envInit: Command = {
  summary: "create .env.local with a random AUTH_SECRET (keeps an existing one)",
  usage: "env:init",
  options: {},
  async run({ out }) {
    const file = path.join(process.env.ROSTERSYNC_ROOT ?? process.cwd(), ".env.local");
    const current = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (/^AUTH_SECRET=\S+/m.test(current) || process.env.AUTH_SECRET) {
      out.result({ file, created: false }, [`AUTH_SECRET already set; ${path.basename(file)} left as it is.`]);
      return 0;
    }
    const line = `AUTH_SECRET=${randomBytes(32).toString("base64")}\n`;
    writeFileSync(file, current && !current.endsWith("\n") ? `${current}\n${line}` : `${current}${line}`, {
      mode: 0o600,
    });
    out.result({ file, created: true }, [`Wrote a new AUTH_SECRET to ${path.basename(file)}.`]);
    return 0;
  },
};
