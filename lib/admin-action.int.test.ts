import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { UserFacingError } from "@/lib/errors";
import { captureLog } from "@/lib/log";
import { makeOrganization } from "@/tests/support/factories";

let session: { user: { id: string; email: string } } | null = null;
const revalidated: string[] = [];
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session }));
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => revalidated.push(path) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
  notFound: () => {
    throw new Error("notFound");
  },
}));

const { adminAction } = await import("./admin-action");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};
const schema = z.object({ name: z.string().min(1, "Enter a name"), secret: z.string() });
let behaviour: "ok" | "expected" | "unexpected" = "ok";
const action = adminAction(
  schema,
  async ({ name }, { organization }) => {
    if (behaviour === "expected") throw new UserFacingError("That name is taken.", "taken");
    if (behaviour === "unexpected") throw new Error(`Failed query: insert\nparams: ${name}`);
    return { message: `Saved ${name} in ${organization.name}.`, redirectTo: "/admin/done" };
  },
  { what: "save", secretFields: ["secret"], revalidate: ["/admin/x"] },
);

describe("adminAction", () => {
  it("refuses a signed-out caller before reading the form", async () => {
    session = null;
    await expect(action({}, form({ name: "x", secret: "s" }))).rejects.toThrow("redirect:/sign-in");
  });

  it("answers field errors with the form's values, secrets blanked", async () => {
    const { admin } = await makeOrganization();
    session = { user: { id: admin.userId, email: admin.email } };
    const state = await action({}, form({ name: "", secret: "hunter2" }));
    expect(state.error).toBe("Enter a name");
    expect(state.fieldErrors?.name).toEqual(["Enter a name"]);
    expect(state.values).toEqual({ name: "", secret: "" });
  });

  it("an expected failure is its message; an unexpected one is logged and shown with a reference", async () => {
    behaviour = "expected";
    expect(await action({}, form({ name: "Ann", secret: "s" }))).toMatchObject({ error: "That name is taken." });
    behaviour = "unexpected";
    const lines: string[] = [];
    const stop = captureLog((line) => lines.push(line));
    const state = await action({}, form({ name: "Quillonabc", secret: "s" }));
    stop();
    const reference = /reference ([0-9a-f]{8})/.exec(state.error ?? "")?.[1];
    expect(state.error).toMatch(/^Something went wrong\. Try again \(reference [0-9a-f]{8}\)\.$/);
    expect(lines.join("")).toContain(reference);
    expect(lines.join("")).not.toContain("Quillonabc");
  });

  it("on success revalidates, then redirects outside the handler's try", async () => {
    behaviour = "ok";
    revalidated.length = 0;
    await expect(action({}, form({ name: "Ann", secret: "s" }))).rejects.toThrow("redirect:/admin/done");
    expect(revalidated).toEqual(["/admin/x"]);
  });
});
