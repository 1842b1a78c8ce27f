// Vitest global setup of the integration project. On embedded PGlite (no DATABASE_URL), creating
// a database and applying every migration costs several seconds of CPU per test file, paid 60
// times; here it is paid once: one in-memory database is migrated, dumped as a tarball, and each
// test file's database (tests/support/database-setup.ts) starts as a copy of it (PGLITE_TEMPLATE,
// read by db/client.ts). It is still migrated as usual there, which then finds nothing to apply.
// On PostgreSQL this does nothing: each file gets a new database from the server.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.DATABASE_URL || process.env.PGLITE_TEMPLATE) return undefined;
  const previous = process.env.PGLITE_DIR;
  process.env.PGLITE_DIR = "memory://";
  const { closeDb, dumpEmbeddedDatabase, migrateDatabase } = await import("../../db/client");
  await migrateDatabase();
  const dump = await dumpEmbeddedDatabase();
  await closeDb();
  if (previous === undefined) delete process.env.PGLITE_DIR;
  else process.env.PGLITE_DIR = previous;

  const dir = mkdtempSync(path.join(os.tmpdir(), "rostersync-pglite-template-"));
  const file = path.join(dir, "template.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.PGLITE_TEMPLATE = file; // the test workers start after this and inherit it
  return () => rmSync(dir, { recursive: true, force: true });
}
