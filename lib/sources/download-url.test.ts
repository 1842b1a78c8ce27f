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

/** Content-Disposition headers as SIS servers send them, and the names they give. */
const DISPOSITIONS = [
  'attachment; filename="50%.csv"',
  "attachment; filename*=UTF-8''na%C3%AFve%20roster.csv",
  "attachment; filename=\"fallback.csv\"; filename*=UTF-8''%E2%82%AC-roster.csv",
  "attachment; filename*=iso-8859-1'en'caf%E9.csv",
  "attachment; filename*=UTF-8''bad%ZZ.csv",
  "attachment;; filename=",
  'attachment; filename="../../etc/passwd"',
];

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
    if (req.url?.startsWith("/stray/")) return res.end("a,b\n1,2\n");
    if (req.url === "/cut") {
      // Sends half the body, then drops the connection.
      res.writeHead(200, { "content-length": "100" });
      res.write("a,b\n1,2\n");
      return setTimeout(() => res.socket?.destroy(), 50);
    }
    if (req.url === "/stalls") {
      // Sends the head and half the body, then nothing more (the connection stays open).
      res.writeHead(200, { "content-length": "100" });
      return res.write("a,b\n1,2\n");
    }
    const disposition = /^\/disposition\/(\d+)$/.exec(req.url ?? "")?.[1];
    if (disposition) {
      res.setHeader("content-disposition", DISPOSITIONS[Number(disposition)] ?? "");
      return res.end("a,b\n1,2\n");
    }
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
    await expect(downloadUrl(`${base}/missing`, local)).rejects.toThrow(
      /has no file at this address\. Check the address \(404 Not Found\)/,
    );
    await expect(downloadUrl(`${base}/big`, local)).rejects.toThrow(/limit/);
    await expect(downloadUrl(`${base}/slow`, { ...local, timeoutMs: 300 })).rejects.toThrow(
      /No complete answer within 0.3 seconds/,
    );
  });

  it("names the file from any Content-Disposition or address, stray % and RFC 5987 filename*= included, and always settles", async () => {
    const names = [];
    for (const [index] of DISPOSITIONS.entries())
      names.push((await downloadUrl(`${base}/disposition/${index}`, local)).fileName);
    expect(names).toEqual([
      "50%.csv",
      "naïve roster.csv",
      "€-roster.csv",
      "café.csv",
      "4", // an undecodable filename*= is no name: the address's last segment
      "5", // nor is a header that cannot be parsed
      ".._.._etc_passwd",
    ]);
    // A stray % in the address itself: the name is the segment as written; an escaped one is decoded.
    expect((await downloadUrl(`${base}/stray/50%ZZ.csv`, local)).fileName).toBe("50%ZZ.csv");
    expect((await downloadUrl(`${base}/stray/roster%202026.csv`, local)).fileName).toBe("roster 2026.csv");
  });

  it("gives up on a server that stalls or hangs up in the middle of the body", async () => {
    const started = Date.now();
    await expect(downloadUrl(`${base}/stalls`, { ...local, timeoutMs: 400 })).rejects.toThrow(
      /No complete answer within 0.4 seconds/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(downloadUrl(`${base}/cut`, { ...local, timeoutMs: 5_000 })).rejects.toThrow(
      /broke off the connection before the whole file arrived/,
    );
  });

  it("refuses local and private addresses unless the operator allows them", async () => {
    await expect(downloadUrl(`${base}/roster.csv`, { maxBytes: 1024, ca: cert })).rejects.toThrow(
      /private or local network/,
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

  it("says in words what went wrong, with no operator settings in the message", async () => {
    // .invalid never resolves (RFC 2606), with or without network.
    const unknown = downloadUrl("https://sis.rostersync.invalid/roster.csv", { maxBytes: 1024 });
    await expect(unknown).rejects.toThrow(/^The server could not find sis\.rostersync\.invalid\. Check the address\./);
    const messages = await Promise.all(
      [
        downloadUrl("https://sis.rostersync.invalid/roster.csv", { maxBytes: 1024 }),
        downloadUrl(`${base}/roster.csv`, { maxBytes: 1024, ca: cert }),
        downloadUrl(`${base}/missing`, local),
      ].map((download) =>
        download.then(
          () => "",
          (error: Error) => error.message,
        ),
      ),
    );
    expect(messages[1]).toBe(
      "localhost is on a private or local network. Your RosterSync operator has not allowed addresses on a private or local network.",
    );
    for (const message of messages) expect(message).not.toMatch(/[A-Z]+_[A-Z_]+=|NIGHTLY_|operator can allow/);
  });
});
