import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getDriver, rowsOf } from "@/db/client";

// Embedded PGlite runs each statement in the server's own thread, and its promises settle
// without any I/O: unless it lets the event loop turn, a transaction's statements run back to
// back and every other request waits for the last (issue 13). PostgreSQL waits on its socket.

describe("the database connection", () => {
  it("lets the event loop turn before each statement, in a transaction too", async () => {
    const db = await getDb();
    let turns = 0;
    const statement = async (run: () => Promise<unknown>) => {
      const before = turns;
      setImmediate(() => (turns += 1));
      await run();
      expect(turns).toBe(before + 1);
    };
    await statement(() => db.execute(sql`select 1`));
    await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await statement(() => tx.execute(sql`select ${i}::int`));
    });
  });

  it("runs PostgreSQL sessions without JIT compilation (a roster page would spend seconds compiling)", async (context) => {
    if ((await getDriver()) !== "postgres") context.skip(); // PGlite has no JIT
    const [row] = rowsOf<{ jit: string }>(await (await getDb()).execute(sql`show jit`));
    expect(row?.jit).toBe("off");
  });
});
