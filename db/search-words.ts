import { sql, type SQL } from "drizzle-orm";

// Roster search ignores accents and case and matches the start of any word of a name. Each
// searchable table has a generated column `search_words` (a tsvector of folded words, kept by the
// database on every write, whatever writes the row) with a GIN index; a search is a tsquery of
// prefixes built here from the same folding in JS. The two foldings below must stay the same:
// db/search-words.test.ts checks them against each other on both databases.
//
// Folding: Unicode NFD, combining marks (U+0300–U+036F) removed, lower case, and the few letters
// that NFD does not decompose (ø ł đ ħ ı ŀ ß æ œ þ) spelled in ASCII; "Zoë" → "zoe", "García" →
// "garcia", "Łódź" → "lodz". Both sides need a UTF-8 database (PostgreSQL's `normalize`).
//
// Words of a name: split at spaces and at the punctuation inside names (hyphens, apostrophes,
// periods, commas, brackets, slashes), plus each space-separated word with that punctuation
// removed: "Smith-Jones" → smith, jones, smithjones; "O'Neil" → o, neil, oneil. Ids and emails
// are one word each, as written (folded): "x-300", "bob.baker@district.test".

/** Punctuation that separates the parts of a name (a regex bracket body, the same in JS and SQL). */
const PUNCTUATION = "-‐–—'’ʼ`.,()/";
/** Longest text a field contributes, in characters (a tsvector word may take at most 2,047 bytes). */
const FIELD_CHARS = 200;

const LETTERS: Record<string, string> = { ø: "o", ł: "l", đ: "d", ħ: "h", ı: "i", ŀ: "l", ς: "σ" };
const SPELLED: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", þ: "th" };

/** Accents off, lower case: what a search word and a searched field are compared as. */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[øłđħıŀς]/g, (c) => LETTERS[c] ?? c)
    .replace(/[ßæœþ]/g, (c) => SPELLED[c] ?? c);
}

// ---- SQL: the generated column ----

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** foldForSearch in SQL (every function immutable, as a generated column needs). */
function foldSql(text: string): string {
  const translated = `translate(lower(regexp_replace(normalize(${text}, NFD), '[\\u0300-\\u036f]', '', 'g')), ${literal(
    Object.keys(LETTERS).join(""),
  )}, ${literal(Object.values(LETTERS).join(""))})`;
  return Object.entries(SPELLED).reduce(
    (acc, [from, to]) => `replace(${acc}, ${literal(from)}, ${literal(to)})`,
    translated,
  );
}

/**
 * The expression of a `search_words` generated column: the words of `names` (column names, joined
 * by a space: "first_name", "last_name") and `whole` columns (ids, emails) as one word each.
 * Nullable columns are fine.
 */
export function searchWordsSql({ names, whole = [] }: { names: string[]; whole?: string[] }): SQL {
  const folded = (columns: string) => `left(${foldSql(columns)}, ${FIELD_CHARS})`;
  // `||`, not concat_ws (which is only stable): a generated column takes immutable functions only.
  const name = folded(names.map((c) => `coalesce("${c}", '')`).join(" || ' ' || "));
  const arrays = [
    `regexp_split_to_array(${name}, ${literal(`[${PUNCTUATION}[:space:]]+`)})`,
    `regexp_split_to_array(regexp_replace(${name}, ${literal(`[${PUNCTUATION}]+`)}, '', 'g'), '[[:space:]]+')`,
    ...whole.map((c) => `array[${folded(`coalesce("${c}", '')`)}]`),
  ];
  return sql.raw(`array_to_tsvector(array_remove(${arrays.join(" || ")}, ''))`);
}

// ---- JS: the search ----

const punctuation = new RegExp(`[${PUNCTUATION}]`, "gu");
const inside = new RegExp(`[^${PUNCTUATION}][${PUNCTUATION}]+[^${PUNCTUATION}]`, "u");

/** A tsquery lexeme matching words that start with `text`. */
const prefix = (text: string) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "''")}':*`;

/**
 * The tsquery (as text) for the words of a search box, or null for none: every word must start a
 * word of the record. A word matches as typed ("x-300", "bob.b"), and one with punctuation inside
 * ("o'nei", "smith-jo") also with it removed ("onei" starts "oneil", a word of "O'Neil").
 */
export function searchQuery(words: string[]): string | null {
  const groups = words.flatMap((word) => {
    const folded = foldForSearch(word);
    if (!folded) return [];
    const alternatives = [prefix(folded)];
    if (inside.test(folded)) alternatives.push(prefix(folded.replace(punctuation, "")));
    return [`(${alternatives.join(" | ")})`];
  });
  return groups.length > 0 ? groups.join(" & ") : null;
}
