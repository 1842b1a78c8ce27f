import { describe, expect, it } from "vitest";
import { extractLinks } from "./outbox";

describe("extractLinks", () => {
  it("finds every http(s) link in order and stops at whitespace, quotes and brackets", () => {
    const text =
      'Sign in:\nhttps://app.test/sign-in/confirm?token=a&email=b%40c\n(see http://x.test/help) "https://q.test/z"';
    expect(extractLinks(text)).toEqual([
      "https://app.test/sign-in/confirm?token=a&email=b%40c",
      "http://x.test/help",
      "https://q.test/z",
    ]);
  });

  it("answers an empty list for text without links", () => {
    expect(extractLinks("no links here, not even ftp://x")).toEqual([]);
  });
});
