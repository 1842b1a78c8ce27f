import { describe, expect, it } from "vitest";
import { cn } from "./cn";

describe("cn", () => {
  it("joins the class names given, skipping empty, false, null and undefined", () => {
    expect(cn("a", "", false, null, undefined, "b c")).toBe("a b c");
    expect(cn()).toBe("");
  });
});
