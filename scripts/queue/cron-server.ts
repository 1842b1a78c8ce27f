// The web side of the multi-process test and `npm run bench:nightly`: an HTTP server answering
// /api/cron/nightly with the app's own route handler (app/api/cron/nightly/route.ts), started with
// ROSTERSYNC_WORKER=off as a web-only deployment is, without a Next build. Port: CRON_SERVER_PORT.

import { createServer } from "node:http";
import { GET } from "@/app/api/cron/nightly/route";
import { getBoss } from "@/lib/jobs/boss";
import { log } from "@/lib/log";

// A web server sends jobs: its queue starts with it (as the app's would), not on the first call.
await getBoss();

const port = Number(process.env.CRON_SERVER_PORT ?? 0);
const server = createServer((req, res) => {
  if (!req.url?.startsWith("/api/cron/nightly")) {
    res.writeHead(404).end();
    return;
  }
  const request = new Request(`http://127.0.0.1${req.url}`, {
    headers: { authorization: req.headers.authorization ?? "" },
  });
  GET(request).then(
    async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    },
    (error: unknown) => {
      log.error("cron server failed", { error });
      res.writeHead(500).end();
    },
  );
});
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
