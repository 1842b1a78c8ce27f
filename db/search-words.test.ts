import { describe, expect, it } from "vitest";
import { foldForSearch, searchQuery } from "./search-words";

describe("foldForSearch", () => {
  it.each([
    ["Zoë", "zoe"],
    ["GARCÍA", "garcia"],
    ["Łódź", "lodz"],
    ["Øster Ærø", "oster aero"],
    ["Straße", "strasse"],
    ["Nguyễn Thị Ánh", "nguyen thi anh"],
    ["İlhan", "ilhan"],
    ["ΟΔΥΣΣΕΥΣ", "οδυσσευσ"],
    ["x-300", "x-300"],
  ])("%j → %j", (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });
});

describe("searchQuery", () => {
  it("is null without words", () => {
    expect(searchQuery([])).toBeNull();
    expect(searchQuery(["\u0301"])).toBeNull();
  });

  it("asks every word to start a word, accents and case off", () => {
    expect(searchQuery(["Zoë", "GARCIA"])).toBe("('zoe':*) & ('garcia':*)");
  });

  it("tries a word with punctuation inside as typed and without it", () => {
    expect(searchQuery(["O'Nei"])).toBe("('o''nei':* | 'onei':*)");
    expect(searchQuery(["smith-jo"])).toBe("('smith-jo':* | 'smithjo':*)");
  });

  it("keeps punctuation at either end as typed only", () => {
    expect(searchQuery(["c-"])).toBe("('c-':*)");
    expect(searchQuery(["-"])).toBe("('-':*)");
  });

  it("quotes what the tsquery syntax would read", () => {
    expect(searchQuery(["a\\b", "'", "x:*|!"])).toBe("('a\\\\b':*) & ('''':*) & ('x:*|!':*)");
  });
});
