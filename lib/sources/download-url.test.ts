import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadUrl, isPrivateAddress, parseSourceUrl } from "./download-url";

// A local HTTPS server with a self-signed certificate for localhost (fixtures/, test only).
const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures");
const cert = readFileSync(path.join(fixtures, "localhost-cert.pem"));
const key = readFileSync(path.join(fixtures, "localhost-key.pem"));

let server: Server;
let base = "";
const seen: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  server = createServer({ cert, key }, (req, res) => {
    seen.push(req.headers);
    if (req.url === "/roster.csv") return res.end("a,b\n1,2\n");
    if (req.url === "/named") {
      res.setHeader("content-disposition", 'attachment; filename="export 2026.csv"');
      return res.end("x");
    }
    if (req.url === "/moved") {
      res.writeHead(302, { location: "https://elsewhere.test/file.csv" });
      return res.end();
    }
    if (req.url === "/big") return res.end(Buffer.alloc(2048));
    if (req.url === "/slow") return setTimeout(() => res.end("late"), 2_000);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `https://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const local = { maxBytes: 1024, allowPrivateNetwork: true, ca: cert };

describe("downloadUrl", () => {
  it("downloads the file with the credential header, named after the URL or Content-Disposition", async () => {
    const file = await downloadUrl(`${base}/roster.csv`, { ...local, headers: { "x-api-key": "k-123" } });
    expect(Buffer.from(file.bytes).toString()).toBe("a,b\n1,2\n");
    expect(file.fileName).toBe("roster.csv");
    expect(seen.at(-1)?.["x-api-key"]).toBe("k-123");
    expect((await downloadUrl(`${base}/named`, local)).fileName).toBe("export 2026.csv");
  });

  it("refuses http://, credentials in the address, redirects, error answers, large files and slow servers", async () => {
    expect(() => parseSourceUrl("http://sis.example.org/roster.csv")).toThrow(/Only https/);
    expect(() => parseSourceUrl("https://user:pw@sis.example.org/roster.csv")).toThrow(/header fields/);
    expect(() => parseSourceUrl("roster.csv")).toThrow(/full address/);
    await expect(downloadUrl(`${base}/moved`, local)).rejects.toThrow(/redirect to https:\/\/elsewhere.test\/file.csv/);
    await expect(downloadUrl(`${base}/missing`, local)).rejects.toThrow(/answered 404/);
    await expect(downloadUrl(`${base}/big`, local)).rejects.toThrow(/limit/);
    await expect(downloadUrl(`${base}/slow`, { ...local, timeoutMs: 300 })).rejects.toThrow(
      /No complete answer within 0.3 seconds/,
    );
  });

  it("refuses local and private addresses unless the operator allows them", async () => {
    await expect(downloadUrl(`${base}/roster.csv`, { maxBytes: 1024, ca: cert })).rejects.toThrow(
      /private or local address/,
    );
    await expect(downloadUrl("https://127.0.0.1:1/roster.csv", { maxBytes: 1024 })).rejects.toThrow(
      /private or local address/,
    );
    expect(
      [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "172.20.0.1",
        "169.254.169.254",
        "::1",
        "fd00::1",
        "::ffff:10.0.0.1",
      ].every(isPrivateAddress),
    ).toBe(true);
    expect(["8.8.8.8", "2001:4860:4860::8888"].some(isPrivateAddress)).toBe(false);
  });
});
