// Processes for the multi-process queue test and `npm run bench:nightly`: the cron server and
// `rostersync worker` processes on one database, each with its peak RSS (Linux: VmHWM, read while
// it runs), plus organizations with drop-folder sources and a file in each.

import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export type FleetProcess = {
  name: string;
  child: ChildProcess;
  /** Peak resident set size in bytes seen so far (VmHWM), or null where /proc is missing. */
  peakRss: () => number | null;
  /** Everything it wrote to stderr (log lines). */
  stderr: () => string;
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

function track(name: string, child: ChildProcess): FleetProcess {
  let peak: number | null = null;
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
      if (kb) peak = Math.max(peak ?? 0, kb * 1024);
    } catch {
      // exited, or no /proc
    }
  };
  const timer = setInterval(sample, 200);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      clearInterval(timer);
      resolve(code);
    }),
  );
  return {
    name,
    child,
    peakRss: () => (sample(), peak),
    stderr: () => err,
    exited,
    stop: async (signal = "SIGTERM") => {
      sample();
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** `rostersync worker` on the given environment; resolves once it says it runs. */
export async function startWorker(name: string, env: Record<string, string | undefined>): Promise<FleetProcess> {
  const child = spawn("node", [path.join(root, "bin/rostersync.js"), "worker"], {
    cwd: root,
    env: { ...process.env, ...env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const worker = track(name, child);
  await waitFor(
    () => worker.stderr().includes("Worker running"),
    60_000,
    () => `${name} did not start:\n${worker.stderr()}`,
  );
  return worker;
}

/** The cron route's HTTP server; resolves with its port once it listens. */
export async function startCronServer(
  env: Record<string, string | undefined>,
): Promise<FleetProcess & { port: number }> {
  // `node --import tsx`, not the tsx command (a wrapper process): the RSS measured is the server's.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/queue/cron-server.ts")], {
    cwd: root,
    env: { ...process.env, ...env, ROSTERSYNC_WORKER: "off", NODE_ENV: "production", CRON_SERVER_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const server = track("web", child);
  await waitFor(
    () => /listening \d+/.test(out),
    60_000,
    () => `cron server did not start:\n${server.stderr()}`,
  );
  return { ...server, port: Number(/listening (\d+)/.exec(out)?.[1]) };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, message: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const mib = (bytes: number | null) => (bytes === null ? "n/a" : `${Math.round(bytes / 1024 / 1024)} MiB`);
