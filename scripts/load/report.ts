// The load test's report: the JSON it writes and the table it prints.

import type { KindSummary } from "./stats";

export type LoadReport = {
  date: string;
  database: "postgres" | "pglite";
  durationSeconds: number;
  baselineSeconds: number;
  organizations: number;
  uploadClients: number;
  pageConnections: number;
  fileRows: number;
  machine: { cpus: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  /** Per kind of request: the load phase (upload, apply, uploadApply, importPages, rosterPages) and "baseline:…". */
  kinds: Record<string, KindSummary>;
  p95RatioUnderLoad: Record<"importPages" | "rosterPages" | "uploadApply", number | null>;
  /** Failed requests, plus problems found afterwards, over all requests of the load phase. */
  errorRate: number;
  peakRssBytes: number;
  serverProcesses: number;
  peakDatabaseConnections: number | null;
  databasePoolSize: number | null;
  unchangedOvertakenByApply: number;
  uploadAnswers: Record<string, number>;
  imports: Record<string, Record<string, number>>;
  replay: { importsReplayed: number; organizationsMatching: number; mismatches: Record<string, string[]> };
  problems: string[];
  runSeconds: number;
};

const TITLES: Record<string, string> = {
  upload: "upload to preview (route)",
  apply: "Apply (server action)",
  uploadApply: "upload + apply",
  importPages: "Import Details pages",
  rosterPages: "roster pages",
  "baseline:uploadApply": "no load: upload + apply",
  "baseline:importPages": "no load: Import Details",
  "baseline:rosterPages": "no load: roster pages",
};

export function reportTable(report: LoadReport): string {
  const ms = (n: number | null) => (n === null ? "–" : n.toFixed(0));
  const pad = (s: string, n: number) => s.padStart(n);
  const loads = (list: number[]) => list.map((n) => n.toFixed(1)).join(" ");
  const lines = [
    `Load test: ${report.database}, ${report.durationSeconds} s, ${report.organizations} organizations, ${report.uploadClients} upload clients ` +
      `(${report.fileRows.toLocaleString("en-US")}-row files), ${report.pageConnections} page connections`,
    `machine: ${report.machine.cpus} CPUs, load average ${loads(report.machine.loadAverageAtStart)} at start, ${loads(report.machine.loadAverageAtEnd)} at end`,
    "",
    `${"kind".padEnd(28)}${pad("requests", 9)}${pad("errors", 8)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("p99 ms", 9)}${pad("max ms", 9)}${pad("req/s", 8)}`,
  ];
  for (const [name, title] of Object.entries(TITLES)) {
    const s = report.kinds[name];
    if (!s) continue;
    lines.push(
      `${title.padEnd(28)}${pad(String(s.requests), 9)}${pad(String(s.errors), 8)}${pad(ms(s.p50), 9)}${pad(ms(s.p95), 9)}${pad(ms(s.p99), 9)}${pad(ms(s.max), 9)}${pad(s.perSecond.toFixed(1), 8)}`,
    );
  }
  const x = (n: number | null) => (n === null ? "–" : `${n.toFixed(1)}×`);
  const ratios = report.p95RatioUnderLoad;
  const connections =
    report.peakDatabaseConnections === null
      ? "n/a (embedded PGlite, one in-process connection)"
      : `${report.peakDatabaseConnections} (pool ${report.databasePoolSize})`;
  lines.push(
    "",
    `p95 under load / no load: Import Details ${x(ratios.importPages)}, roster pages ${x(ratios.rosterPages)}, upload + apply ${x(ratios.uploadApply)}`,
    `error rate ${(report.errorRate * 100).toFixed(2)} %; peak RSS of the server ${(report.peakRssBytes / 1_048_576).toFixed(0)} MB ` +
      `(${report.serverProcesses} process(es)); peak database connections ${connections}`,
    `uploads answered: ${Object.entries(report.uploadAnswers)
      .map(([status, n]) => `${status} ${n}`)
      .join(", ")} (preview and held were then applied); ` +
      `"unchanged" answers overtaken by another file's apply: ${report.unchangedOvertakenByApply}`,
    `rosters equal to one-at-a-time imports: ${report.replay.organizationsMatching} of ${report.organizations} organizations ` +
      `(${report.replay.importsReplayed} imports replayed); run took ${report.runSeconds.toFixed(0)} s`,
  );
  return lines.join("\n");
}
