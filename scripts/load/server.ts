// The server under load: `next start` of the production build on one port, its log in a file,
// and the resident memory of its process tree sampled from /proc.

import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type RunningServer = { pid: number; baseUrl: string; stop: () => Promise<void> };

/** Starts `next start` and waits until /api/health answers 200 (at most `timeoutMs`). */
export async function startServer(options: {
  root: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logPath: string;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const nextBin = createRequire(`${options.root}/package.json`).resolve("next/dist/bin/next");
  const log = createWriteStream(options.logPath);
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, "start", "-p", String(options.port), "-H", "localhost"],
    {
      cwd: options.root,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const baseUrl = `http://localhost:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let running = true;
  void exited.then(() => (running = false));
  while (true) {
    if (!running) throw new Error(`the server exited before it answered; see ${options.logPath}`);
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`the server did not answer ${baseUrl}/api/health in time; see ${options.logPath}`);
    }
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    pid: child.pid!,
    baseUrl,
    stop: async () => {
      if (running) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** The process and its descendants, from /proc/<pid>/stat's parent ids. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) {
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/** VmRSS of a process in bytes (0 when it is gone). */
export function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the summed RSS of the tree under `pid` every `everyMs`; `stop()` answers the peak. */
export function rssSampler(pid: number, everyMs = 250) {
  let peak = 0;
  let processes = 0;
  const sample = () => {
    const tree = processTree(pid);
    processes = Math.max(processes, tree.length);
    peak = Math.max(
      peak,
      tree.reduce((sum, p) => sum + residentBytes(p), 0),
    );
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    peak: () => peak,
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakBytes: peak, processes };
    },
  };
}
