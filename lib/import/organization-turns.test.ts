import { describe, expect, it } from "vitest";
import { inOrganizationTurn, organizationsInTurn } from "./organization-turns";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("inOrganizationTurn", () => {
  it("runs one organization's work one at a time, in order, and other organizations' alongside", async () => {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (org: string, name: string) =>
      inOrganizationTurn(org, async () => {
        running += org === "a" ? 1 : 0;
        most = Math.max(most, running);
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        running -= org === "a" ? 1 : 0;
        return name;
      });
    const results = await Promise.all([job("a", "a1"), job("a", "a2"), job("b", "b1"), job("a", "a3")]);
    expect(results).toEqual(["a1", "a2", "b1", "a3"]);
    expect(most).toBe(1);
    const a = log.filter((line) => line.startsWith("a"));
    expect(a).toEqual(["a1 start", "a1 end", "a2 start", "a2 end", "a3 start", "a3 end"]);
    // b1 did not wait for a's queue.
    expect(log.indexOf("b1 start")).toBeLessThan(log.indexOf("a1 end"));
    expect(organizationsInTurn()).toBe(0);
  });

  it("goes on after a failure, which reaches only its own caller", async () => {
    const failed = inOrganizationTurn("a", async () => {
      throw new Error("boom");
    });
    const next = inOrganizationTurn("a", async () => "after");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("after");
    expect(organizationsInTurn()).toBe(0);
  });
});
